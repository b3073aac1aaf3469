import type { CartLine, ItemType } from './api';
import { useCart } from './cart';
import { toCents } from './format';
import { useAssets, useCourses } from './queries';

export interface CartItemView {
  line: CartLine;
  key: string;
  title: string;
  subtitle: string;
  cents: number;
  color: string;
  href: string;
}

/** The cart's lines joined with the live catalog (titles and current prices). */
export function useCartDetails() {
  const cart = useCart();
  const courses = useCourses();
  const assets = useAssets();
  const needCourses = cart.lines.some((l) => l.itemType === 'course');
  const needAssets = cart.lines.some((l) => l.itemType === 'asset');
  const isPending = (needCourses && courses.isPending) || (needAssets && assets.isPending);
  const error = (needCourses && courses.error) || (needAssets && assets.error) || null;

  const items: CartItemView[] = [];
  const unavailable: CartLine[] = [];
  if (!isPending && !error) {
    for (const line of cart.lines) {
      const key = line.itemType + ':' + line.itemId;
      if (line.itemType === 'course') {
        const c = courses.data?.find((x) => x.id === line.itemId);
        if (!c) unavailable.push(line);
        else
          items.push({
            line,
            key,
            title: c.title,
            subtitle: `Course · Level ${c.level} · ${c.lessonsCount} lessons`,
            cents: toCents(c.price),
            color: c.color,
            href: '/courses/' + c.slug,
          });
      } else {
        const a = assets.data?.find((x) => x.id === line.itemId);
        if (!a) unavailable.push(line);
        else
          items.push({
            line,
            key,
            title: a.title,
            subtitle: `Asset · ${a.fileFormat}${a.fileSize ? ' · ' + a.fileSize : ''}`,
            cents: toCents(a.price),
            color: a.color,
            href: '/assets/' + a.id,
          });
      }
    }
  }
  const totalCents = items.reduce((sum, i) => sum + i.cents, 0);
  const retry = () => {
    if (courses.isError) courses.refetch();
    if (assets.isError) assets.refetch();
  };
  return { cart, items, unavailable, totalCents, isPending, error, retry };
}

export function lineLabel(type: ItemType): string {
  return type === 'course' ? 'Course' : 'Asset';
}
