/**
 * Who the app is to the operating system. `APP_ID` must equal `appId` in
 * electron-builder.yml (a test in tests/packaging checks it): Windows groups
 * taskbar entries and notifications by it.
 */

/** The reverse-DNS application id, shared with electron-builder.yml. */
export const APP_ID = 'org.boardkeeper.app';

/** The name people see in menus, dialogs and the title bar. */
export const PRODUCT_NAME = 'Boardkeeper';
