/**
 * The preload: the only code that touches Electron's IPC on the page's side. It exposes one small
 * object, `window.totalPlace`, built from the shared method list (one channel per method) — never
 * `ipcRenderer` itself. Dropped files are handed to the main process by their OS path, which page
 * script can neither see nor forge.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { makeBridge } from '../../shared/bridge';
import { DROP_CHANNEL, EVENT_CHANNELS, channelOf } from '../../shared/methods';

const bridge = makeBridge(
  (method, input) => ipcRenderer.invoke(channelOf(method), input),
  (event, listener) => {
    const channel = EVENT_CHANNELS[event];
    const wrapped = (_e: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
);

contextBridge.exposeInMainWorld('totalPlace', bridge);

window.addEventListener('dragover', (e) => {
  if (e.dataTransfer?.types.includes('Files')) {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }
});
window.addEventListener('drop', (e) => {
  const files = [...(e.dataTransfer?.files ?? [])];
  if (files.length === 0) return;
  e.preventDefault();
  const paths = files.map((f) => webUtils.getPathForFile(f)).filter((p) => p !== '');
  if (paths.length > 0) ipcRenderer.send(DROP_CHANNEL, paths);
});
