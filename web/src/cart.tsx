/**
 * The cart. A visitor's lives in this browser (localStorage); a signed-in
 * user's is kept by the server (`/api/cart`), so it follows them to other
 * browsers and never shows to the next person on this one. At login the
 * visitor's cart is merged into the user's, and what they already own is
 * left out and named (`removedOwned`); at logout the local copy is cleared.
 *
 * The local copy records whose cart it is: a user's copy left behind (an
 * expired session, a closed tab) is never shown to a visitor or merged into
 * someone else's cart.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import * as api from './api';
import type { CartLine, ItemType } from './api';
import { useMe } from './queries';

const STORAGE_KEY = 'infinite-studio.cart.v2';
const OLD_STORAGE_KEY = 'infinite-studio.cart.v1';

interface Stored {
  /** The user whose cart this is a copy of; null for a visitor's. */
  owner: string | null;
  lines: CartLine[];
}

interface CartValue {
  lines: CartLine[];
  count: number;
  has: (itemType: ItemType, itemId: string) => boolean;
  add: (itemType: ItemType, itemId: string) => void;
  remove: (itemType: ItemType, itemId: string) => void;
  clear: () => void;
  /** Lines taken out at login because the user owns them already. */
  removedOwned: CartLine[];
  dismissRemoved: () => void;
}

const CartContext = createContext<CartValue | null>(null);

function isLine(x: unknown): x is CartLine {
  if (!x || typeof x !== 'object') return false;
  const l = x as Record<string, unknown>;
  return (l.itemType === 'course' || l.itemType === 'asset') && typeof l.itemId === 'string';
}

function readStorage(): Stored {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null') as Partial<Stored> | null;
    if (parsed && Array.isArray(parsed.lines)) {
      return { owner: typeof parsed.owner === 'string' ? parsed.owner : null, lines: parsed.lines.filter(isLine) };
    }
    // A cart from before carts had owners: a visitor's.
    const old: unknown = JSON.parse(localStorage.getItem(OLD_STORAGE_KEY) || '[]');
    return { owner: null, lines: Array.isArray(old) ? old.filter(isLine) : [] };
  } catch {
    return { owner: null, lines: [] };
  }
}

function writeStorage(stored: Stored) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    localStorage.removeItem(OLD_STORAGE_KEY);
  } catch {
    /* storage full or disabled: the cart still works for this visit */
  }
}

const same = (a: CartLine, itemType: ItemType, itemId: string) => a.itemType === itemType && a.itemId === itemId;

export function CartProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const userId = me.isPending ? undefined : (me.data?.id ?? null);
  const [stored, setStored] = useState<Stored>(readStorage);
  const [removedOwned, setRemovedOwned] = useState<CartLine[]>([]);
  // Saves go out one after another, so the last change is the one kept.
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  // While the visitor's cart is being merged, changes stay local; the merge's
  // answer keeps them and saves the result.
  const merging = useRef(false);

  // The latest cart, for changes made faster than React renders.
  const latest = useRef(stored);
  latest.current = stored;

  useEffect(() => writeStorage(stored), [stored]);

  // Keep several open tabs in step.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === STORAGE_KEY) setStored(readStorage());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  // Follow the session: a visitor keeps only a visitor's cart; a user gets
  // theirs from the server, with the visitor's cart merged in once.
  useEffect(() => {
    if (userId === undefined) return;
    const current = readStorage();
    if (userId === null) {
      if (current.owner !== null) setStored({ owner: null, lines: [] });
      return;
    }
    if (current.owner === userId) {
      void api.fetchCart().then((lines) => setStored({ owner: userId, lines }), () => {});
      return;
    }
    const visitorLines = current.owner === null ? current.lines : [];
    setStored({ owner: userId, lines: visitorLines });
    merging.current = true;
    void api.mergeCart(visitorLines).then(
      (merged) => {
        // Lines added while the merge was on its way are kept, and saved.
        const known = [...merged.items, ...merged.removed];
        const added = latest.current.lines.filter((l) => !known.some((k) => same(k, l.itemType, l.itemId)));
        const lines = [...merged.items, ...added];
        latest.current = { owner: userId, lines };
        setStored(latest.current);
        setRemovedOwned(merged.removed);
        if (added.length) saving.current = saving.current.then(() => api.saveCart(lines).catch(() => {}));
        merging.current = false;
      },
      () => {
        merging.current = false;
      },
    );
  }, [userId]);

  const change = useCallback(
    (next: (prev: CartLine[]) => CartLine[]) => {
      const prev = latest.current;
      const updated = { ...prev, lines: next(prev.lines) };
      latest.current = updated;
      setStored(updated);
      const owner = prev.owner;
      if (owner && owner === userId && !merging.current) {
        saving.current = saving.current.then(() =>
          // A refused save (an item just bought elsewhere): show what the server keeps.
          api.saveCart(updated.lines).catch(() => api.fetchCart().then((kept) => setStored({ owner, lines: kept }))),
        );
      }
    },
    [userId],
  );

  const lines = stored.owner === (userId ?? null) || userId === undefined ? stored.lines : [];
  const has = useCallback((itemType: ItemType, itemId: string) => lines.some((l) => same(l, itemType, itemId)), [lines]);
  const add = useCallback(
    (itemType: ItemType, itemId: string) =>
      change((prev) => (prev.some((l) => same(l, itemType, itemId)) ? prev : [...prev, { itemType, itemId }])),
    [change],
  );
  const remove = useCallback(
    (itemType: ItemType, itemId: string) => change((prev) => prev.filter((l) => !same(l, itemType, itemId))),
    [change],
  );
  const clear = useCallback(() => change(() => []), [change]);
  const dismissRemoved = useCallback(() => setRemovedOwned([]), []);

  const value = useMemo(
    () => ({ lines, count: lines.length, has, add, remove, clear, removedOwned, dismissRemoved }),
    [lines, has, add, remove, clear, removedOwned, dismissRemoved],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartValue {
  const ctx = useContext(CartContext);
  if (!ctx) throw new Error('useCart must be used inside <CartProvider>');
  return ctx;
}
