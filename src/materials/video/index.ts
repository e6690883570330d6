// Video matching the vPDQ way: a video is its frames' PDQ hashes, compared as bags of frames, one pair
// of videos at a time (matchVideo) or against many banked videos at once (VideoBank).
export { frameHashesOfVideo, type FrameHash, type FrameHashOptions } from './frames.js';
export { matchVideo, prepareFrames, type FramePair, type VideoMatch, type VideoMatchOptions } from './match.js';
export { VideoBank, type BankedVideoMatch } from './video-bank.js';
