/** Client-side cart, kept in localStorage as a list of {itemType, itemId}. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CartLine, ItemType } from './api';

const STORAGE_KEY = 'infinite-studio.cart.v1';

interface CartValue {
  lines: CartLine[];
  count: number;
  has: (itemType: ItemType, itemId: string) => boolean;
  add: (itemType: ItemType, itemId: string) => void;
  remove: (itemType: ItemType, itemId: string) => void;
  clear: () => void;
}

const CartContext = createContext<CartValue | null>(null);

function isLine(x: unknown): x is CartLine {
  if (!x || typeof x !== 'object') return false;
  const l = x as Record<string, unknown>;
  return (l.itemType === 'course' || l.itemType === 'asset') && typeof l.itemId === 'string';
}

function readStorage(): CartLine[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]');
    return Array.isArray(parsed) ? parsed.filter(isLine) : [];
  } catch {
    return [];
  }
}

export function CartProvider({ children }: { children: ReactNode }) {
  const [lines, setLines] = useState<CartLine[]>(readStorage);

  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(lines));
    } catch {
      /* storage full or disabled: the cart still works for this visit */
    }
  }, [lines]);

  // Keep several open tabs in step.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === STORAGE_KEY) setLines(readStorage());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const has = useCallback(
    (itemType: ItemType, itemId: string) => lines.some((l) => l.itemType === itemType && l.itemId === itemId),
    [lines],
  );
  const add = useCallback((itemType: ItemType, itemId: string) => {
    setLines((prev) =>
      prev.some((l) => l.itemType === itemType && l.itemId === itemId) ? prev : [...prev, { itemType, itemId }],
    );
  }, []);
  const remove = useCallback((itemType: ItemType, itemId: string) => {
    setLines((prev) => prev.filter((l) => !(l.itemType === itemType && l.itemId === itemId)));
  }, []);
  const clear = useCallback(() => setLines([]), []);

  const value = useMemo(
    () => ({ lines, count: lines.length, has, add, remove, clear }),
    [lines, has, add, remove, clear],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartValue {
  const ctx = useContext(CartContext);
  if (!ctx) throw new Error('useCart must be used inside <CartProvider>');
  return ctx;
}
