import { useEffect } from 'react';

export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Infinite Studio` : 'Infinite Studio · AI Filmmaking School';
  }, [title]);
}
