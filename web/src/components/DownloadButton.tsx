import { useState } from 'react';
import { errorMessage, fetchDownload } from '../api';
import type { Asset } from '../api';
import { formatBytes } from '../format';

/**
 * "Download" for an asset the learner owns. Each click asks the API for a
 * fresh signed URL (it lasts minutes and is bound to this session), then
 * hands it to the browser as a plain download: the file streams to disk
 * without passing through the page's memory, and a broken one can resume.
 */
export function DownloadButton({ asset, size = 'sm' }: { asset: Asset; size?: 'sm' | 'lg' }) {
  const [state, setState] = useState<'idle' | 'preparing' | 'started'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [fileSize, setFileSize] = useState<number | null>(null);

  async function start() {
    setState('preparing');
    setError(null);
    try {
      const download = await fetchDownload(asset.id);
      setFileSize(download.sizeBytes);
      const link = document.createElement('a');
      link.href = download.url;
      link.download = download.fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setState('started');
    } catch (err) {
      setError(errorMessage(err));
      setState('idle');
    }
  }

  return (
    <span className="download">
      <button
        type="button"
        className={'btn btn--primary btn--' + size}
        onClick={start}
        disabled={state === 'preparing'}
        data-testid="asset-download"
      >
        {state === 'preparing' ? 'Preparing…' : 'Download'}
        <span className="visually-hidden"> {asset.title}</span>
      </button>
      <span className="download__note" role="status">
        {state === 'started' && `Your download has started${fileSize !== null ? ` (${formatBytes(fileSize)}, ZIP)` : ''}.`}
      </span>
      {error && (
        <span className="download__error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
