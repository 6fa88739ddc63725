/**
 * The backend as the main process and the web host see it: it opens the data
 * folder (or reports why it cannot), owns the store, builds the handler table
 * for the contract and pushes events. Plain Node: its platform needs (opening
 * a folder, quitting, the clock) come in as arguments.
 */
export {};
