/** Sales over a period (GET /api/admin/sales), drawn with Chart.js; completion per course; CSV export. */
import { useQuery } from '@tanstack/react-query';
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import { Field } from '../components/Field';
import { EmptyState, ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatMoney, toCents } from '../format';
import * as adminApi from './api';
import type { SalesOverview } from './types';
import { adminKeys, isoDay, useItemTitles } from './ui';

// Only the parts drawn here, so that the rest of Chart.js stays out of the bundle.
ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);
ChartJS.defaults.color = '#a0a8ba';
ChartJS.defaults.borderColor = '#252a37';
ChartJS.defaults.font.family = "'Inter', 'Segoe UI', system-ui, sans-serif";

const BLUE = '#2f7bff';
const ORANGE = '#ff6a1a';
const RED = '#ff5c6c';

const short = (s: string, n = 28) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** A chart, and the same numbers as a table for whoever cannot see it. */
function ChartBox({
  title,
  children,
  head,
  rows,
  wide,
  height = 240,
}: {
  title: string;
  wide?: boolean;
  height?: number;
  children: ReactNode;
  head: string[];
  rows: (string | number)[][];
}) {
  return (
    <figure className={'chart' + (wide ? ' chart--wide' : '')}>
      <figcaption className="chart__title">{title}</figcaption>
      <div className="chart__canvas" style={{ height }}>
        {children}
      </div>
      <details className="chart__table">
        <summary>{title}: as a table</summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
          <table className="table">
            <thead>
              <tr>
                {head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function SalesCharts({ data }: { data: SalesOverview }) {
  const title = useItemTitles();
  const labels = data.days.map((d) => d.date.slice(5));
  const hasRefunds = data.days.some((d) => d.refunded !== undefined);
  const money = (m: string) => toCents(m) / 100;
  const common = { responsive: true, maintainAspectRatio: false, animation: false as const };
  const items = [...data.items].sort((a, b) => b.units - a.units);
  return (
    <>
      <dl className="figures" data-testid="sales-totals">
        <Figure label="Revenue" value={formatMoney(data.revenue)} testId="sales-revenue" />
        <Figure label="Orders" value={String(data.orders)} testId="sales-orders" />
        {data.refunds !== undefined && <Figure label="Refunds" value={String(data.refunds)} testId="sales-refunds" />}
        {data.refunded !== undefined && (
          <Figure label="Refunded" value={formatMoney(data.refunded)} testId="sales-refunded" />
        )}
      </dl>
      <div className="chart-grid">
        <ChartBox
          title="Revenue per day"
          head={['Day', 'Revenue', ...(hasRefunds ? ['Refunded'] : [])]}
          rows={data.days.map((d) => [
            d.date,
            formatMoney(d.revenue),
            ...(hasRefunds ? [formatMoney(d.refunded ?? '0')] : []),
          ])}
        >
          <Line
            role="img"
            aria-label={`Revenue per day from ${data.from} to ${data.to}`}
            // Money is never negative: the axis starts at zero, even for an empty period.
            options={{ ...common, scales: { y: { min: 0, suggestedMax: 1 } } }}
            data={{
              labels,
              datasets: [
                {
                  label: 'Revenue ($)',
                  data: data.days.map((d) => money(d.revenue)),
                  borderColor: BLUE,
                  backgroundColor: BLUE,
                  tension: 0.25,
                },
                ...(hasRefunds
                  ? [
                      {
                        label: 'Refunded ($)',
                        data: data.days.map((d) => money(d.refunded ?? '0')),
                        borderColor: RED,
                        backgroundColor: RED,
                        tension: 0.25,
                      },
                    ]
                  : []),
              ],
            }}
          />
        </ChartBox>
        <ChartBox
          title="Orders per day"
          head={['Day', 'Orders', ...(hasRefunds ? ['Refunds'] : [])]}
          rows={data.days.map((d) => [d.date, d.orders, ...(hasRefunds ? [d.refunds ?? 0] : [])])}
        >
          <Bar
            role="img"
            aria-label={`Orders per day from ${data.from} to ${data.to}`}
            options={{ ...common, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
            data={{
              labels,
              datasets: [
                { label: 'Orders', data: data.days.map((d) => d.orders), backgroundColor: ORANGE },
                ...(hasRefunds
                  ? [{ label: 'Refunds', data: data.days.map((d) => d.refunds ?? 0), backgroundColor: RED }]
                  : []),
              ],
            }}
          />
        </ChartBox>
        <ChartBox
          wide
          height={Math.max(120, 44 * items.length + 50)}
          title="Units per item"
          head={['Item', 'Type', 'Units', 'Revenue']}
          rows={items.map((i) => [title(i.itemType, i.itemId), i.itemType, i.units, formatMoney(i.revenue)])}
        >
          {items.length === 0 ? (
            <p className="muted">Nothing sold in this period.</p>
          ) : (
            <Bar
              role="img"
              aria-label="Units sold per course and asset"
              options={{
                ...common,
                indexAxis: 'y' as const,
                scales: {
                  x: { beginAtZero: true, ticks: { precision: 0 } },
                  // Long titles are cut short on the axis; the tooltip and the table have them whole.
                  y: { ticks: { callback: (_v, i) => short(title(items[i].itemType, items[i].itemId)) } },
                },
                plugins: { legend: { display: false } },
              }}
              data={{
                labels: items.map((i) => title(i.itemType, i.itemId)),
                datasets: [
                  {
                    maxBarThickness: 28,
                    label: 'Units',
                    data: items.map((i) => i.units),
                    backgroundColor: items.map((i) => (i.itemType === 'course' ? BLUE : ORANGE)),
                  },
                ],
              }}
            />
          )}
        </ChartBox>
      </div>
    </>
  );
}

function CourseStatsTable() {
  const stats = useQuery({ queryKey: adminKeys.courseStats, queryFn: adminApi.fetchCourseStats });
  if (stats.isPending) return <LoadingBlock lines={3} label="Loading the course figures…" />;
  if (stats.isError)
    return <ErrorState error={stats.error} title="Could not load the course figures" onRetry={() => stats.refetch()} />;
  if (stats.data.length === 0) return <EmptyState title="No enrollments yet" />;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Completion per course">
      <table className="table" data-testid="course-stats">
        <caption className="visually-hidden">Enrollments and completion per course</caption>
        <thead>
          <tr>
            <th scope="col">Course</th>
            <th scope="col">Enrollments</th>
            <th scope="col">Completed</th>
            <th scope="col">Completion rate</th>
          </tr>
        </thead>
        <tbody>
          {stats.data.map((c) => (
            <tr key={c.courseId}>
              <td>{c.title}</td>
              <td>{c.enrollments}</td>
              <td>{c.completed}</td>
              <td>
                <span className="rate">
                  <span className="rate__bar" aria-hidden="true">
                    <span style={{ width: `${Math.round(c.completionRate * 100)}%` }} />
                  </span>
                  {Math.round(c.completionRate * 100)}%
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SalesPage() {
  useDocumentTitle('Staff · Sales');
  const [from, setFrom] = useState(isoDay(29));
  const [to, setTo] = useState(isoDay(0));
  const [period, setPeriod] = useState({ from, to });
  const sales = useQuery({
    queryKey: adminKeys.sales(period.from, period.to),
    queryFn: () => adminApi.fetchSales(period.from, period.to),
    placeholderData: (prev) => prev,
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setPeriod({ from, to });
  };
  const invalid = !from || !to || from > to;
  return (
    <>
      <header className="page-head staff-head">
        <div>
          <p className="eyebrow">Staff / Sales</p>
          <h1>Sales</h1>
        </div>
        <a
          className="btn btn--ghost"
          href={adminApi.salesCsvUrl(period.from, period.to)}
          download={`sales-${period.from}-${period.to}.csv`}
          data-testid="sales-csv"
        >
          Download CSV
        </a>
      </header>
      <form className="inline-form" onSubmit={apply} aria-label="Period">
        <Field label="From" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        <Field
          label="To"
          type="date"
          value={to}
          min={from}
          onChange={(e) => setTo(e.target.value)}
          error={from > to ? 'The end comes before the start.' : undefined}
        />
        <button type="submit" className="btn btn--primary" disabled={invalid} data-testid="sales-apply">
          Show
        </button>
      </form>
      {sales.isPending ? (
        <LoadingBlock lines={6} label="Loading the sales…" />
      ) : sales.isError ? (
        <ErrorState error={sales.error} title="Could not load the sales" onRetry={() => sales.refetch()} />
      ) : (
        <SalesCharts data={sales.data} />
      )}
      <section aria-labelledby="completion-title" className="section--tight">
        <h2 id="completion-title" className="h-small">
          Completion per course
        </h2>
        <CourseStatsTable />
      </section>
    </>
  );
}
