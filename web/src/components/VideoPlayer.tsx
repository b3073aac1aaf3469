import { useEffect, useRef, useState } from 'react';
import type { Playback } from '../api';

/** How often a playing video reports where it is. */
export const SAVE_EVERY_MS = 10_000;
const SEEK_STEP_SECONDS = 5;

/** Why a position is reported: `leave` saves must outlive the page. */
export type SaveReason = 'playing' | 'pause' | 'ended' | 'leave';

interface Props {
  playback: Playback;
  title: string;
  /** Where to start, in seconds (the saved position). */
  startAt: number;
  onPosition?: (seconds: number, reason: SaveReason) => void;
  onEnded?: () => void;
  /** The signed URLs were refused (expired): fetch new ones. */
  onUrlsExpired?: () => void;
}

/** An element that handles space and arrows itself. */
function isInteractive(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return !!target.closest('input, textarea, select, button, a, summary, [role="slider"]');
}

/**
 * A lesson's HLS video. hls.js wherever Media Source Extensions exist (the
 * same adaptive switching and error recovery in every such browser); the
 * browser's own HLS where they do not (Safari on iPhone).
 *
 * The source is loaded once per URL; new URLs (after the old ones expired)
 * resume at the second the video had reached.
 */
export function VideoPlayer({ playback, title, startAt, onPosition, onEnded, onUrlsExpired }: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Read by effects that must not re-run when these change.
  const latest = useRef({ startAt, onPosition, onEnded, onUrlsExpired });
  latest.current = { startAt, onPosition, onEnded, onUrlsExpired };
  const reached = useRef<number | null>(null);

  useEffect(() => {
    const video = videoRef.current!;
    let cancelled = false;
    let destroy = () => {};
    const start = reached.current ?? latest.current.startAt;
    setFailure(null);

    const seekToStart = () => {
      // A position at the very end would only replay the last frame.
      if (start > 0 && (!Number.isFinite(video.duration) || start < video.duration - 1)) video.currentTime = start;
    };

    import('hls.js/light').then(({ default: Hls }) => {
      if (cancelled) return;
      if (Hls.isSupported()) {
        const hls = new Hls({ startPosition: start > 0 ? start : -1 });
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (!data.fatal) return;
          if (data.type === Hls.ErrorTypes.NETWORK_ERROR && data.response?.code === 403) {
            latest.current.onUrlsExpired?.();
          } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
            hls.recoverMediaError();
          } else {
            setFailure('The video could not be loaded. Check your connection and reload the page.');
          }
        });
        hls.loadSource(playback.hlsUrl);
        hls.attachMedia(video);
        destroy = () => hls.destroy();
      } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
        video.src = playback.hlsUrl;
        video.addEventListener('loadedmetadata', seekToStart, { once: true });
        destroy = () => {
          video.removeAttribute('src');
          video.load();
        };
      } else {
        setFailure('This browser cannot play streaming video. Try a recent Chrome, Firefox, Edge or Safari.');
      }
    });
    return () => {
      cancelled = true;
      destroy();
    };
  }, [playback.hlsUrl]);

  // Report the position while playing, on pause and at the end, and when the
  // learner leaves (another lesson, another page, or a closed tab).
  useEffect(() => {
    const video = videoRef.current!;
    let lastReport = 0;
    // A video never started has no position worth keeping.
    let started = false;
    const report = (reason: SaveReason) => {
      if (!started || !Number.isFinite(video.currentTime) || video.readyState === 0) return;
      reached.current = video.currentTime;
      lastReport = Date.now();
      latest.current.onPosition?.(video.currentTime, reason);
    };
    const onTime = () => {
      reached.current = video.currentTime;
      if (!video.paused && Date.now() - lastReport >= SAVE_EVERY_MS) report('playing');
    };
    const onPlay = () => {
      started = true;
      lastReport = Date.now();
    };
    const onPause = () => {
      if (!video.ended) report('pause');
    };
    const onEnd = () => {
      report('ended');
      latest.current.onEnded?.();
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') report('leave');
    };
    video.addEventListener('timeupdate', onTime);
    video.addEventListener('play', onPlay);
    video.addEventListener('pause', onPause);
    video.addEventListener('ended', onEnd);
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onHide);
    return () => {
      if (!video.paused && !video.ended) report('leave');
      video.removeEventListener('timeupdate', onTime);
      video.removeEventListener('play', onPlay);
      video.removeEventListener('pause', onPause);
      video.removeEventListener('ended', onEnd);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onHide);
    };
  }, []);

  // Space plays and pauses, arrows seek, anywhere on the page but in a control.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const video = videoRef.current;
      if (!video || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.target !== video && isInteractive(e.target)) return;
      if (e.key === ' ' || e.key === 'k') {
        if (video.paused) void video.play().catch(() => {});
        else video.pause();
      } else if (e.key === 'ArrowLeft') {
        video.currentTime = Math.max(0, video.currentTime - SEEK_STEP_SECONDS);
      } else if (e.key === 'ArrowRight') {
        video.currentTime = Math.min(video.duration || Infinity, video.currentTime + SEEK_STEP_SECONDS);
      } else {
        return;
      }
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="player__screen">
      <video
        ref={videoRef}
        controls
        playsInline
        preload="metadata"
        poster={playback.posterUrl ?? undefined}
        aria-label={`Video: ${title}`}
        aria-describedby="player-keys"
        data-testid="lesson-video"
      />
      <p id="player-keys" className="visually-hidden">
        Space plays or pauses; the left and right arrows go back or forward five seconds.
      </p>
      {failure && (
        <div className="player__overlay" role="alert">
          <p>{failure}</p>
        </div>
      )}
    </div>
  );
}
