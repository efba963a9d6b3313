/**
 * Tells the caches of an app that a site's content changed, right after the write
 * committed, so its next request already sees it. Announcements are scoped to the
 * database handle the write went through: an app hears the writes made through its own
 * handle here, and everyone else's from the database (PostgreSQL NOTIFY, or reading the
 * sites' content versions); see modules/sites/content-version.ts.
 */
import { EventEmitter } from 'node:events';

const channels = new WeakMap<object, EventEmitter>();

function channelOf(handle: object): EventEmitter {
  let channel = channels.get(handle);
  if (!channel) {
    channel = new EventEmitter();
    channels.set(handle, channel);
  }
  return channel;
}

export function announceContentChange(handle: object, siteId: string): void {
  channels.get(handle)?.emit('change', siteId);
}

/** Returns the unsubscribe function. */
export function onContentChange(handle: object, listener: (siteId: string) => void): () => void {
  const channel = channelOf(handle);
  channel.on('change', listener);
  return () => channel.off('change', listener);
}
