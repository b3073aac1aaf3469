import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api';
import { App } from './App';
import { CartProvider } from './cart';
import { keys } from './queries';
import './styles.css';

// A 401 from any authenticated call means the session is gone: forget the
// user so that protected pages send the visitor to the login page. Not when
// it is a password that was wrong (changing it): the session stands.
const WRONG_PASSWORD = new Set(['CURRENT_PASSWORD_WRONG']);

function onAuthError(error: unknown) {
  if (error instanceof ApiError && error.status === 401 && !WRONG_PASSWORD.has(error.code)) {
    queryClient.setQueryData(keys.me, null);
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onAuthError }),
  mutationCache: new MutationCache({ onError: onAuthError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) => {
        if (error instanceof ApiError && error.status < 500) return false;
        return failures < 2;
      },
    },
    mutations: { retry: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <CartProvider>
        <BrowserRouter useTransitions={false}>
          <App />
        </BrowserRouter>
      </CartProvider>
    </QueryClientProvider>
  </StrictMode>,
);
