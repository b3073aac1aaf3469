/**
 * A chunked, resumable upload of one file for a lesson or an asset
 * (docs/operating.md, "Uploads"): POST /api/admin/uploads, then PUT chunks with Content-Range;
 * a 409 UPLOAD_OFFSET says where the server is and the upload goes on from
 * there; a lost connection leaves a "Resume" button. Once every byte is in,
 * the upload is polled until the media pipeline says ready or failed.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../api';
import { Alert } from '../components/States';
import { formatBytes } from '../format';
import * as adminApi from './api';
import type { Upload, UploadKind, UploadOwnerType } from './types';
import { adminKeys, StatusPill } from './ui';

// Under the server's UPLOAD_CHUNK_BYTES (8 MiB by default).
const CHUNK_BYTES = 4 * 1024 * 1024;

type Phase = 'idle' | 'sending' | 'paused' | 'done';

export function UploadBox({
  ownerType,
  ownerId,
  kind,
  label,
  accept,
  onReady,
}: {
  ownerType: UploadOwnerType;
  ownerId: string;
  kind: UploadKind;
  label: string;
  accept: string;
  /** Called once when an upload sent from this box is ready. */
  onReady?: (upload: Upload) => void;
}) {
  const id = useId();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [sent, setSent] = useState(0);
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);

  // The latest upload of this kind for the owner, so that a reload still shows its state.
  const previous = useQuery({
    queryKey: adminKeys.uploads(ownerType, ownerId),
    queryFn: () => adminApi.fetchUploads(ownerType, ownerId),
    select: (list) => list.find((u) => u.kind === kind) ?? null,
  });
  const current = upload ?? previous.data ?? null;

  // Processing is followed until the pipeline has finished.
  const polled = useQuery({
    queryKey: adminKeys.upload(current?.id ?? ''),
    queryFn: () => adminApi.fetchUpload(current!.id),
    enabled: !!current && current.status === 'processing' && phase !== 'sending',
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'processing' ? false : 1000),
  });
  const shown = polled.data && current && polled.data.id === current.id ? polled.data : current;
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (upload && shown?.id === upload.id && shown.status === 'ready' && announced.current !== shown.id) {
      announced.current = shown.id;
      onReady?.(shown);
    }
  }, [upload, shown, onReady]);

  async function send(target: Upload, f: File, from: number) {
    setPhase('sending');
    setError(null);
    const controller = new AbortController();
    abort.current = controller;
    let offset = from;
    try {
      while (offset < f.size) {
        const chunk = f.slice(offset, Math.min(offset + CHUNK_BYTES, f.size));
        try {
          const next = await adminApi.putChunk(target.id, chunk, offset, f.size, controller.signal);
          offset = next.received;
          setUpload(next);
        } catch (err) {
          // The server has another offset (a chunk got in twice, or not at all): go on from there.
          if (err instanceof adminApi.UploadOffsetError) offset = err.received;
          else throw err;
        }
        setSent(offset);
      }
      setPhase('done');
      qc.invalidateQueries({ queryKey: adminKeys.uploads(ownerType, ownerId) });
    } catch (err) {
      setPhase('paused');
      if (!(err instanceof DOMException && err.name === 'AbortError')) setError(err);
    }
  }

  async function start() {
    if (!file) return;
    setError(null);
    setSent(0);
    try {
      const created = await adminApi.createUpload({ ownerType, ownerId, kind, fileName: file.name, size: file.size });
      setUpload(created);
      await send(created, file, created.received);
    } catch (err) {
      setPhase('idle');
      setError(err);
    }
  }

  async function resume() {
    if (!file || !current) return;
    try {
      // Ask where the server is, rather than trust what this page last saw.
      const fresh = await adminApi.fetchUpload(current.id);
      setUpload(fresh);
      setSent(fresh.received);
      await send(fresh, file, fresh.received);
    } catch (err) {
      setError(err);
    }
  }

  const size = file?.size ?? shown?.size ?? 0;
  const received = phase === 'sending' || phase === 'paused' ? sent : (shown?.received ?? 0);
  const percent = size ? Math.floor((received / size) * 100) : 0;
  const canResume =
    !!file && !!current && current.status === 'receiving' && current.size === file.size && phase !== 'sending';

  return (
    <div className="upload" data-testid={`upload-${kind}`}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="file"
          accept={accept}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPhase('idle');
            setError(null);
          }}
        />
      </div>
      <div className="upload__actions">
        <button
          type="button"
          className="btn btn--primary btn--sm"
          onClick={start}
          disabled={!file || phase === 'sending'}
          data-testid={`upload-${kind}-start`}
        >
          Upload
        </button>
        {phase === 'sending' && (
          <button type="button" className="btn btn--ghost btn--sm" onClick={() => abort.current?.abort()}>
            Pause
          </button>
        )}
        {canResume && (
          <button type="button" className="btn btn--ghost btn--sm" onClick={resume}>
            Resume
          </button>
        )}
      </div>
      {(phase !== 'idle' || shown) && (
        <div className="upload__state" data-testid={`upload-${kind}-state`}>
          <div className="upload__line">
            <span className="small">{file?.name ?? shown?.fileName}</span>
            {shown && <StatusPill status={phase === 'sending' ? 'receiving' : shown.status} />}
          </div>
          {(phase === 'sending' || phase === 'paused' || shown?.status === 'receiving') && (
            <>
              <progress
                className="upload__bar"
                max={100}
                value={percent}
                aria-label={`${label}: bytes sent`}
                aria-valuetext={`${percent}% (${formatBytes(received)} of ${formatBytes(size)})`}
              />
              <span className="small muted">
                {percent}% · {formatBytes(received)} of {formatBytes(size)}
              </span>
            </>
          )}
          <p className="small muted" role="status">
            {phase === 'sending'
              ? 'Uploading…'
              : shown?.status === 'processing'
                ? 'Processing: the media pipeline is working on it.'
                : shown?.status === 'ready'
                  ? 'Ready.'
                  : shown?.status === 'failed'
                    ? ''
                    : phase === 'paused'
                      ? 'Paused. Choose the same file and press Resume to go on.'
                      : ''}
          </p>
          {shown?.status === 'failed' && (
            <Alert testId={`upload-${kind}-failed`}>
              <strong>Processing failed:</strong> {shown.error || 'no reason given'}
            </Alert>
          )}
        </div>
      )}
      {error != null && <Alert testId={`upload-${kind}-error`}>{errorMessage(error)}</Alert>}
    </div>
  );
}
