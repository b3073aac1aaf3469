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

// Staff pages: their code (and the chart library) is only fetched by staff who open /admin.
const AdminLayout = lazy(() => import('./admin/AdminLayout'));
const AdminHome = lazy(() => import('./admin/AdminLayout').then((m) => ({ default: m.AdminHome })));
const CoursesAdmin = lazy(() => import('./admin/CoursesPages').then((m) => ({ default: m.CoursesAdminPage })));
const CourseNew = lazy(() => import('./admin/CoursesPages').then((m) => ({ default: m.CourseNewPage })));
const CourseEdit = lazy(() => import('./admin/CoursesPages').then((m) => ({ default: m.CourseEditPage })));
const AssetsAdmin = lazy(() => import('./admin/AssetsPages').then((m) => ({ default: m.AssetsAdminPage })));
const AssetNew = lazy(() => import('./admin/AssetsPages').then((m) => ({ default: m.AssetNewPage })));
const AssetEdit = lazy(() => import('./admin/AssetsPages').then((m) => ({ default: m.AssetEditPage })));
const OrdersAdmin = lazy(() => import('./admin/OrdersPages').then((m) => ({ default: m.OrdersAdminPage })));
const OrderAdmin = lazy(() => import('./admin/OrdersPages').then((m) => ({ default: m.OrderAdminPage })));
const Coupons = lazy(() => import('./admin/CouponsPage').then((m) => ({ default: m.CouponsPage })));
const Sales = lazy(() => import('./admin/SalesPage').then((m) => ({ default: m.SalesPage })));
const Learners = lazy(() => import('./admin/LearnersPage').then((m) => ({ default: m.LearnersPage })));

function Staff() {
  return (
    <Suspense
      fallback={
        <div className="container page">
          <LoadingBlock lines={8} label="Loading the staff area…" />
        </div>
      }
    >
      <AdminLayout />
    </Suspense>
  );
}

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
        {/* Staff (instructors and admins); full paths, as the gateway's APP_ROUTES lists them. */}
        <Route element={<Staff />}>
          <Route path="admin" element={<AdminHome />} />
          <Route path="admin/courses" element={<CoursesAdmin />} />
          <Route path="admin/courses/new" element={<CourseNew />} />
          <Route path="admin/courses/:id" element={<CourseEdit />} />
          <Route path="admin/assets" element={<AssetsAdmin />} />
          <Route path="admin/assets/new" element={<AssetNew />} />
          <Route path="admin/assets/:id" element={<AssetEdit />} />
          <Route path="admin/orders" element={<OrdersAdmin />} />
          <Route path="admin/orders/:id" element={<OrderAdmin />} />
          <Route path="admin/coupons" element={<Coupons />} />
          <Route path="admin/sales" element={<Sales />} />
          <Route path="admin/learners" element={<Learners />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
