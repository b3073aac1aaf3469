import { accentStyle } from '../colors';

/** Accessible progress bar (role="progressbar") with its percentage as text. */
export function ProgressBar({
  value,
  label,
  color,
  detail,
  testId = 'progress',
  size = 'md',
}: {
  value: number;
  label: string;
  color?: string;
  detail?: string;
  testId?: string;
  size?: 'sm' | 'md';
}) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className={'progress progress--' + size} style={color ? accentStyle(color) : undefined}>
      <div className="progress__meta">
        <span className="progress__value" data-testid={testId + '-text'}>
          {pct}% complete
        </span>
        {detail && <span className="progress__detail">{detail}</span>}
      </div>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}% complete`}
        data-testid={testId + '-bar'}
      >
        <div className="progress__fill" style={{ width: pct + '%' }} />
      </div>
    </div>
  );
}
