import { describe, expect, it } from 'vitest';
import { packFileQueue, packPathsOf } from '../../electron/main/packFiles.ts';

describe('pack files the system hands the app', () => {
  it('finds .boardpack files in a command line, not switches or other files', () => {
    expect(
      packPathsOf([
        '--allow-file-access',
        '/home/m/Downloads/PCB 2026-06-24 pack 2.BOARDPACK',
        '/tmp/a.pdf',
        '-x.boardpack',
      ]),
    ).toEqual(['/home/m/Downloads/PCB 2026-06-24 pack 2.BOARDPACK']);
    expect(packPathsOf(undefined)).toEqual([]);
  });

  it('keeps packs that arrive before the backend is open, then offers each as it comes', () => {
    const offered: string[] = [];
    const queue = packFileQueue();
    queue.add(['/a.boardpack']);
    queue.add(['/b.boardpack']);
    expect(offered).toEqual([]);
    queue.open((path) => offered.push(path));
    expect(offered).toEqual(['/a.boardpack', '/b.boardpack']);
    queue.add(['/c.boardpack']);
    expect(offered).toEqual(['/a.boardpack', '/b.boardpack', '/c.boardpack']);
  });
});
