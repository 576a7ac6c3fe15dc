/**
 * In-process signal that what is published changed, so this instance's public
 * cache drops its copy at once (other instances notice through the serial).
 */
type Listener = () => void;
const globalForListeners = globalThis as unknown as { triagePublicationListeners?: Set<Listener> };

function listeners(): Set<Listener> {
  globalForListeners.triagePublicationListeners ??= new Set();
  return globalForListeners.triagePublicationListeners;
}

export function onPublicationChanged(listener: Listener): void {
  listeners().add(listener);
}

export function publicationChanged(): void {
  for (const listener of listeners()) listener();
}
