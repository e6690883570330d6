// Media: images, audio and video stored by content hash, with clear and blurred thumbnails.
export {
  createMediaService,
  isSha256,
  MAX_MEDIA_BYTES,
  type MediaReference,
  type MediaService,
  type MediaServiceDeps,
  type MediaSummary,
  type PutResult,
  type ThumbnailVariant,
} from './service.js';
export { createDirectoryMediaStore, DEFAULT_MEDIA_DIR, InvalidMediaKeyError, type MediaStore } from './store.js';
export { InvalidMediaError, UnsupportedMediaError } from './errors.js';
export { ACCEPTED_FORMATS } from './analyse.js';
export { findVideoTools, type AvProbe, type VideoTools } from './ffmpeg.js';
export { BLUR_SIGMA, THUMBNAIL_MAX_PX } from './images.js';
export type { MediaRecord } from './records.js';
export { MEDIA_KINDS, type MediaKind } from './sniff.js';
