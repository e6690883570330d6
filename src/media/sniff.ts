// What the bytes really are, from their leading signature ("magic numbers"), never from what the sender
// declared. Only the formats Vigil can store and show are accepted; for anything else we still name what
// we recognised, so the refusal tells the sender what they actually sent.

export type MediaKind = 'image' | 'video' | 'audio';
export const MEDIA_KINDS: readonly MediaKind[] = ['image', 'video', 'audio'];

export interface Recognised {
  kind: MediaKind;
  mime: string;
  /** The container holds audio, video or both; a probe of the streams (ffprobe) settles the kind. */
  containerMayBeAudioOnly?: boolean;
}

export type Sniffed = { accepted: Recognised } | { accepted?: undefined; detected: string };

const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString('latin1');
const startsWith = (bytes: Buffer, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

const accept = (kind: MediaKind, mime: string, containerMayBeAudioOnly = false): Sniffed => ({ accepted: { kind, mime, containerMayBeAudioOnly } });
const refuse = (detected: string): Sniffed => ({ detected });

// ISO base media file brands (mp4/mov family) that are still images or audio rather than video.
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const AUDIO_MP4_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ']);

export function sniff(bytes: Buffer): Sniffed {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return accept('image', 'image/jpeg');
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return accept('image', 'image/png');
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return accept('image', 'image/gif');

  if (ascii(bytes, 0, 4) === 'RIFF') {
    const form = ascii(bytes, 8, 12);
    if (form === 'WEBP') return accept('image', 'image/webp');
    if (form === 'WAVE') return accept('audio', 'audio/wav');
    if (form === 'AVI ') return refuse('avi video (video/x-msvideo)');
    return refuse(`riff container of type ${JSON.stringify(form)}`);
  }

  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (HEIF_BRANDS.has(brand)) return refuse('heif/heic image (image/heic)');
    if (AVIF_BRANDS.has(brand)) return refuse('avif image (image/avif)');
    if (AUDIO_MP4_BRANDS.has(brand)) return accept('audio', 'audio/mp4');
    if (brand === 'qt  ') return accept('video', 'video/quicktime', true);
    return accept('video', 'video/mp4', true);
  }

  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: the DocType element near the start says WebM or generic Matroska.
    return ascii(bytes, 0, 64).includes('webm') ? accept('video', 'video/webm', true) : accept('video', 'video/x-matroska', true);
  }

  if (ascii(bytes, 0, 4) === 'OggS') {
    // The first page carries the first codec header at byte 28.
    return ascii(bytes, 28, 35) === '\x80theora' ? accept('video', 'video/ogg', true) : accept('audio', 'audio/ogg');
  }

  if (ascii(bytes, 0, 4) === 'fLaC') return accept('audio', 'audio/flac');
  if (ascii(bytes, 0, 3) === 'ID3' || isMp3FrameHeader(bytes)) return accept('audio', 'audio/mpeg');

  return refuse(recogniseOther(bytes));
}

/** An MPEG-1/2 Layer III frame header with a valid bitrate and sample rate (a bare MP3 without ID3 tag). */
function isMp3FrameHeader(bytes: Buffer): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1] & 0xe0) !== 0xe0) return false;
  const version = (bytes[1] >> 3) & 0x3;
  const layer = (bytes[1] >> 1) & 0x3;
  const bitrate = bytes[2] >> 4;
  const sampleRate = (bytes[2] >> 2) & 0x3;
  return version !== 1 && layer === 1 && bitrate !== 0 && bitrate !== 0xf && sampleRate !== 3;
}

/** Names common formats Vigil refuses, so the 415 says what was sent. */
function recogniseOther(bytes: Buffer): string {
  if (bytes.length === 0) return 'empty';
  const head = ascii(bytes, 0, 16);
  const signatures: [boolean, string][] = [
    [head.startsWith('%PDF'), 'pdf document (application/pdf)'],
    [startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]), 'zip archive (application/zip)'],
    [startsWith(bytes, [0x1f, 0x8b]), 'gzip archive (application/gzip)'],
    [head.startsWith('Rar!'), 'rar archive'],
    [startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), '7z archive'],
    [head.startsWith('II*\0') || head.startsWith('MM\0*'), 'tiff image (image/tiff)'],
    [head.startsWith('BM'), 'bmp image (image/bmp)'],
    [head.startsWith('8BPS'), 'photoshop document (image/vnd.adobe.photoshop)'],
    [startsWith(bytes, [0x00, 0x00, 0x01, 0x00]), 'icon (image/x-icon)'],
    [startsWith(bytes, [0xff, 0x0a]) || head.slice(4, 8) === 'JXL ', 'jpeg xl image (image/jxl)'],
    [head.slice(4, 8) === 'jP  ', 'jpeg 2000 image (image/jp2)'],
    [startsWith(bytes, [0xff, 0xf1]) || startsWith(bytes, [0xff, 0xf9]), 'aac audio in adts (audio/aac)'],
    [head.startsWith('\x7fELF'), 'elf executable'],
    [head.startsWith('MZ'), 'windows executable'],
  ];
  for (const [matches, name] of signatures) if (matches) return name;

  const text = ascii(bytes, 0, 512).trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'svg image (image/svg+xml)';
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'html document (text/html)';
  if (text.startsWith('<?xml')) return 'xml document';
  if (looksLikeText(bytes)) return text.startsWith('{') || text.startsWith('[') ? 'json or other text' : 'plain text';
  return `unknown binary data (first bytes ${bytes.subarray(0, 8).toString('hex').replace(/(..)(?!$)/g, '$1 ')})`;
}

/** Valid UTF-8 without control characters other than tab and line breaks, judged on the first 512 bytes. */
function looksLikeText(bytes: Buffer): boolean {
  let text: string;
  try {
    // stream: a multi-byte character cut at byte 512 is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 512), { stream: true });
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}
