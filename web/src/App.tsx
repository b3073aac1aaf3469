import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { RequireAuth } from './components/RequireAuth';
import { AssetPage } from './pages/AssetPage';
import { AssetsPage } from './pages/AssetsPage';
import { CartPage } from './pages/CartPage';
import { CertificatePage } from './pages/CertificatePage';
import { CheckoutPage } from './pages/CheckoutPage';
import { CoursePage } from './pages/CoursePage';
import { DashboardPage } from './pages/DashboardPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfilePage } from './pages/ProfilePage';
import { RegisterPage } from './pages/RegisterPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { LoadingBlock } from './components/States';

// The player brings the video and Markdown libraries: loaded when a lesson opens.
const PlayerPage = lazy(() => import('./pages/PlayerPage').then((m) => ({ default: m.PlayerPage })));

function Player() {
  return (
    <Suspense
      fallback={
        <div className="container page">
          <LoadingBlock lines={8} label="Loading the player…" />
        </div>
      }
    >
      <PlayerPage />
    </Suspense>
  );
}

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="courses/:slug" element={<CoursePage />} />
        <Route path="assets" element={<AssetsPage />} />
        <Route path="assets/:id" element={<AssetPage />} />
        <Route path="cart" element={<CartPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="checkout" element={<RequireAuth><CheckoutPage /></RequireAuth>} />
        <Route path="dashboard" element={<RequireAuth><DashboardPage /></RequireAuth>} />
        <Route path="profile" element={<RequireAuth><ProfilePage /></RequireAuth>} />
        {/* Public: whoever holds a certificate's code may verify it. */}
        <Route path="certificates/:code" element={<CertificatePage />} />
        {/* A visitor may watch a preview lesson; the player sends them to log in for the rest. */}
        <Route path="learn/:slug" element={<Player />} />
        <Route path="learn/:slug/:lessonId" element={<Player />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
