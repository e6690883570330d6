// Media thumbnail that is blurred until the viewer chooses to see it (moderator wellbeing): a click or
// Enter/Space reveals the clear preview, a second one blurs it again. Both images are fetched with the
// API key and shown through object URLs, since <img> cannot send an Authorization header.
import { useEffect, useState } from 'react';
import { seg } from './api';
import { useApi } from './session';
import type { MediaInfo } from './types';

type Variant = 'thumbnail' | 'preview';

/** Fetches one variant as an object URL, revoked when it changes or the component goes away. */
function useMediaUrl(sha256: string, variant: Variant, enabled: boolean): { url?: string; error?: string } {
  const api = useApi();
  const [state, setState] = useState<{ url?: string; error?: string }>({});
  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    let url: string | undefined;
    api.blob(`/v1/media/${seg(sha256)}/${variant}`, ctrl.signal).then(
      (blob) => {
        url = URL.createObjectURL(blob);
        setState({ url });
      },
      (err: Error) => !ctrl.signal.aborted && setState({ error: err.message }),
    );
    return () => {
      ctrl.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, sha256, variant, enabled]);
  return state;
}

export function BlurredMedia({ media }: { media: MediaInfo }) {
  const [revealed, setRevealed] = useState(false);
  const blurred = useMediaUrl(media.sha256, 'thumbnail', media.thumbnail);
  // The clear preview is fetched only once someone asks to see it, and kept while mounted.
  const [wanted, setWanted] = useState(false);
  const clear = useMediaUrl(media.sha256, 'preview', media.thumbnail && wanted);

  const size = media.width && media.height ? `${media.width}×${media.height}` : '';
  const caption = [media.kind, media.mime, size].filter(Boolean).join(' · ');
  const short = media.sha256.slice(0, 12);

  if (!media.thumbnail) {
    return (
      <figure className="media media-none" data-sha256={media.sha256}>
        <div className="media-placeholder">no thumbnail</div>
        <figcaption title={media.sha256}>
          {short} · {caption}
        </figcaption>
      </figure>
    );
  }

  const showing = revealed && clear.url ? clear.url : blurred.url;
  const state = revealed && clear.url ? 'clear' : revealed ? 'loading' : 'blurred';
  const toggle = () => {
    setWanted(true);
    setRevealed((r) => !r);
  };
  return (
    <figure className="media" data-sha256={media.sha256}>
      <button
        type="button"
        className={`media-toggle media-${state}`}
        aria-pressed={revealed}
        aria-label={revealed ? `Blur ${media.kind} ${short} again` : `Reveal ${media.kind} ${short}`}
        onClick={toggle}
        data-state={state}
      >
        {showing ? <img src={showing} alt={`${media.kind} ${short} (${state === 'clear' ? 'clear' : 'blurred'})`} draggable={false} /> : <span className="media-placeholder">{blurred.error ?? 'loading…'}</span>}
        {!revealed && <span className="media-hint">Click to reveal</span>}
      </button>
      {(clear.error || (revealed && blurred.error)) && <span className="media-error">{clear.error ?? blurred.error}</span>}
      <figcaption title={media.sha256}>
        {short} · {caption}
      </figcaption>
    </figure>
  );
}
