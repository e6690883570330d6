// Audio and video through the system's ffprobe/ffmpeg, when installed: stream facts (kind, size, duration)
// and one frame to thumbnail. They are optional; without them video is stored without a thumbnail.
import { spawn } from 'node:child_process';

export interface AvProbe {
  hasVideo: boolean;
  hasAudio: boolean;
  width: number | null;
  height: number | null;
  durationS: number | null;
}

export interface VideoTools {
  /** Reads the container's streams; throws when the file cannot be parsed as audio or video. */
  probe(file: string): Promise<AvProbe>;
  /** One frame near `atSeconds` (the first frame when the video is shorter), as PNG at most 640 px wide/high. */
  frame(file: string, atSeconds: number): Promise<Buffer>;
}

export class ToolError extends Error {}

const PROBE_TIMEOUT_MS = 30_000;
const FRAME_TIMEOUT_MS = 60_000;
/** A 640 px PNG frame is well under this; more means something is wrong and we stop reading. */
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let failure: Error | undefined;
    const stop = (err: Error) => {
      failure ??= err;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new ToolError(`${command} took longer than ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > MAX_OUTPUT_BYTES) return stop(new ToolError(`${command} wrote more than ${MAX_OUTPUT_BYTES} bytes`));
      out.push(chunk);
    });
    // Only the head of stderr is kept: it is for error messages, and ffmpeg can be chatty.
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else resolve({ code, stdout: Buffer.concat(out), stderr });
    });
  });
}

const firstLine = (text: string) => text.trim().split('\n')[0]?.trim() || 'no message';

interface FfprobeOutput {
  streams?: { codec_type?: string; width?: number; height?: number; disposition?: { attached_pic?: number } }[];
  format?: { duration?: string };
}

function toolsAt(ffmpeg: string, ffprobe: string): VideoTools {
  return {
    async probe(file) {
      const result = await run(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], PROBE_TIMEOUT_MS);
      if (result.code !== 0) throw new ToolError(`ffprobe could not read it: ${firstLine(result.stderr)}`);
      const parsed = JSON.parse(result.stdout.toString('utf8')) as FfprobeOutput;
      const streams = parsed.streams ?? [];
      // Cover art in audio files is a one-picture "video" stream; it does not make the file a video.
      const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
      const duration = Number(parsed.format?.duration);
      return {
        hasVideo: Boolean(video),
        hasAudio: streams.some((s) => s.codec_type === 'audio'),
        width: video?.width ?? null,
        height: video?.height ?? null,
        durationS: Number.isFinite(duration) && duration >= 0 ? duration : null,
      };
    },

    async frame(file, atSeconds) {
      const grab = (at: number) =>
        run(
          ffmpeg,
          ['-v', 'error', '-nostdin', '-ss', at.toFixed(3), '-i', file, '-frames:v', '1', '-vf', "scale='min(iw,640)':'min(ih,640)':force_original_aspect_ratio=decrease", '-f', 'image2pipe', '-vcodec', 'png', '-'],
          FRAME_TIMEOUT_MS,
        );
      let result = await grab(atSeconds);
      // Seeking past the last frame gives no output; the first frame is the fallback.
      if ((result.code !== 0 || result.stdout.length === 0) && atSeconds > 0) result = await grab(0);
      if (result.code !== 0 || result.stdout.length === 0) throw new ToolError(`ffmpeg could not extract a frame: ${firstLine(result.stderr)}`);
      return result.stdout;
    },
  };
}

async function answers(command: string): Promise<boolean> {
  try {
    return (await run(command, ['-version'], 10_000)).code === 0;
  } catch {
    return false; // ENOENT: not installed
  }
}

const found = new Map<string, Promise<VideoTools | undefined>>();

/** The system's ffmpeg and ffprobe (both are needed), or undefined when either is missing. Checked once per process. */
export function findVideoTools(ffmpeg = 'ffmpeg', ffprobe = 'ffprobe'): Promise<VideoTools | undefined> {
  const key = `${ffmpeg}\0${ffprobe}`;
  let tools = found.get(key);
  if (!tools) {
    tools = Promise.all([answers(ffmpeg), answers(ffprobe)]).then(([a, b]) => (a && b ? toolsAt(ffmpeg, ffprobe) : undefined));
    found.set(key, tools);
  }
  return tools;
}
