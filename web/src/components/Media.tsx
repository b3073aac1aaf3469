import { useState } from 'react';
import { accentStyle } from '../colors';

/**
 * Artwork of a course or asset: the image when it loads, otherwise a
 * gradient "film frame" in the item's colour carrying its initials.
 */
export function Media({
  src,
  alt,
  color,
  label,
  className = '',
}: {
  src?: string | null;
  alt: string;
  color: string;
  label: string;
  className?: string;
}) {
  const [failed, setFailed] = useState(false);
  const showImage = !!src && !failed;
  const initials = label
    .split(/\s+/)
    .filter((w) => /[A-Za-z0-9]/.test(w))
    .slice(0, 2)
    .map((w) => w[0])
    .join('');
  return (
    <div className={'media ' + className} style={accentStyle(color)}>
      {showImage ? (
        <img src={src!} alt={alt} loading="lazy" onError={() => setFailed(true)} />
      ) : (
        <div className="media__placeholder" role="img" aria-label={alt}>
          <span aria-hidden="true">{initials}</span>
        </div>
      )}
    </div>
  );
}
