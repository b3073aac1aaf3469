/**
 * Typed client for the Infinite Studio HTTP API (`/api/*`).
 *
 * Every request goes through `request()`, which sends the session cookie
 * (`credentials: 'same-origin'`), parses JSON and turns any 4xx/5xx answer
 * into an `ApiError` carrying the server's `message`, `code` and `details`.
 */

import type { components } from './api-schema';
import type { OrderCreateWithCoupon, Quote } from './admin/types';

// ---------------------------------------------------------------- types
// Generated from the gateway's OpenAPI document into ./api-schema.ts
// (`make api-types`); only the names the pages use are given here.

type Schemas = components['schemas'];

/** Money as a decimal string, e.g. "149.00". */
export type Money = string;
/** ISO-8601 UTC timestamp. */
export type Timestamp = string;

export type User = Schemas['UserPublic'];
export type Course = Schemas['CoursePublic'];
export type Lesson = Schemas['LessonPublic'];
export type LessonVideo = Schemas['LessonVideo'];
export type Playback = Schemas['Playback'];
export type LessonPosition = Schemas['Position'];
export type Asset = Schemas['AssetPublic'];
export type Download = Schemas['Download'];
export type ProgressSummary = Schemas['Progress'];
export type Enrollment = Schemas['EnrollmentPublic'];
export type EnrollmentWithCourse = Schemas['EnrollmentWithProgress'];
export type CertificateSummary = Schemas['CertificateSummary'];
export type Certificate = Schemas['CertificatePublic'];
export type LessonProgress = Schemas['LessonProgressPublic'];
export type OrderItem = Schemas['OrderItemPublic'];
export type Order = Schemas['OrderPublic'];
export type OrderWithItems = Schemas['OrderWithItems'];
/** A line of the cart, as an order sends it. */
export type CartLine = Schemas['OrderItemCreate'];
export type ItemType = CartLine['itemType'];

// ------------------------------------------------------------ responses

export type UserResponse = Schemas['UserEnvelope'];
export type CoursesResponse = Schemas['CourseList'];
export type CourseResponse = Schemas['CourseDetail'];
export type AssetsResponse = Schemas['AssetList'];
export type AssetResponse = Schemas['AssetEnvelope'];
export type EnrollmentsResponse = Schemas['EnrollmentList'];
export type EnrollmentResponse = Schemas['EnrollmentEnvelope'];
export type ProgressListResponse = Schemas['LessonProgressList'];
export type ProgressResponse = Schemas['LessonProgressEnvelope'];
export type OrdersResponse = Schemas['OrderList'];
export type CreateOrderResponse = Schemas['OrderCreated'];
export type LessonResponse = Schemas['LessonOpened'];

/** Error body the API sends with every 4xx/5xx. */
export type ErrorBody = Schemas['ErrorBody'];

// --------------------------------------------------------------- errors

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorBody['details'];

  constructor(status: number, body: Partial<ErrorBody>) {
    super(body.message || defaultMessage(status));
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code || 'HTTP_' + status;
    this.details = body.details ?? null;
  }

  /**
   * Field messages of a validation error. The API sends
   * `{"fields": {"password": "..."}}`; a flat `{"password": "..."}` is read too.
   */
  get fieldErrors(): Record<string, string> {
    const d = this.details;
    if (!d || typeof d !== 'object') return {};
    const source = d.fields && typeof d.fields === 'object' ? (d.fields as Record<string, unknown>) : d;
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(source)) {
      if (typeof value === 'string') out[key] = value;
      else if (Array.isArray(value) && value.length && value.every((v) => typeof v === 'string'))
        out[key] = value.join(' ');
    }
    return out;
  }
}

/** Cart lines named in a 409 body (`details.items`), if the server lists them. */
export function conflictingItems(err: unknown): CartLine[] {
  if (!(err instanceof ApiError) || err.status !== 409) return [];
  const items = err.details?.items;
  if (!Array.isArray(items)) return [];
  return items.filter(
    (i): i is CartLine =>
      !!i && typeof i === 'object' && (i.itemType === 'course' || i.itemType === 'asset') && typeof i.itemId === 'string',
  );
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Please log in to continue.';
  if (status === 403) return 'You do not have access to this.';
  if (status === 404) return 'Not found.';
  if (status === 503 || status === 504) return 'The studio is temporarily unavailable. Please try again.';
  if (status >= 500) return 'Something went wrong on our side. Please try again.';
  return 'The request could not be completed.';
}

/** A readable message for anything thrown by a query or mutation. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof TypeError) return 'Could not reach the server. Check your connection and try again.';
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong.';
}

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}

// ------------------------------------------------------------ transport

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Shared with the staff pages' client (admin/api.ts). */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  { headers = {}, keepalive = false }: { headers?: Record<string, string>; keepalive?: boolean } = {},
): Promise<T> {
  const init: RequestInit = {
    keepalive,
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...headers },
  };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const res = await fetch('/api' + path, init);
  const text = res.status === 204 ? '' : await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    throw new ApiError(res.status, (data && typeof data === 'object' ? data : {}) as Partial<ErrorBody>);
  }
  return data as T;
}

const enc = encodeURIComponent;

// ------------------------------------------------------------ endpoints

// Auth
export const register = (input: Schemas['UserRegister']) =>
  request<UserResponse>('POST', '/auth/register', input).then((r) => r.user);

export const login = (input: Schemas['UserLogin']) =>
  request<UserResponse>('POST', '/auth/login', input).then((r) => r.user);

export const logout = () => request<void>('POST', '/auth/logout');

/** The logged-in user, or `null` when there is no session (401). */
export async function fetchMe(): Promise<User | null> {
  try {
    return (await request<UserResponse>('GET', '/auth/me')).user;
  } catch (err) {
    if (isApiError(err, 401)) return null;
    throw err;
  }
}

/** Mail a reset link to the account of this email, if there is one (202 either way). */
export const requestPasswordReset = (input: Schemas['PasswordResetRequest']) =>
  request<void>('POST', '/auth/password-reset', input);

/** A new password with a reset link's token; every session of the account ends. */
export const confirmPasswordReset = (input: Schemas['PasswordResetConfirm']) =>
  request<void>('POST', '/auth/password-reset/confirm', input);

/** A new password for the logged-in user; this session goes on under a new cookie. */
export const changePassword = (input: Schemas['PasswordChange']) => request<void>('PUT', '/auth/password', input);

export const updateProfile = (input: Schemas['ProfileUpdate']) =>
  request<UserResponse>('PUT', '/auth/profile', input).then((r) => r.user);

// Catalog
export const fetchCourses = () => request<CoursesResponse>('GET', '/courses').then((r) => r.courses);
export const fetchCourse = (slug: string) => request<CourseResponse>('GET', '/courses/' + enc(slug));
export const fetchAssets = () => request<AssetsResponse>('GET', '/assets').then((r) => r.assets);
export const fetchAsset = (id: string) =>
  request<AssetResponse>('GET', '/assets/' + enc(id)).then((r) => r.asset);

/** A signed URL of an owned asset's pack, valid for a few minutes: asked for at each click. */
export const fetchDownload = (assetId: string) => request<Download>('GET', '/assets/' + enc(assetId) + '/download');

// Learning
export const fetchEnrollments = () =>
  request<EnrollmentsResponse>('GET', '/enrollments').then((r) => r.enrollments);

export const createEnrollment = (courseId: string) =>
  request<EnrollmentResponse>('POST', '/enrollments', { courseId } satisfies Schemas['EnrollmentCreate']).then(
    (r) => r.enrollment,
  );

export const fetchEnrollmentProgress = (enrollmentId: string) =>
  request<ProgressListResponse>('GET', '/enrollments/' + enc(enrollmentId) + '/progress').then(
    (r) => r.progress,
  );

export const updateProgress = (input: Schemas['ProgressUpdate']) =>
  request<ProgressResponse>('POST', '/progress', input).then((r) => r.progress);

/** A lesson to watch: its notes, signed playback URLs once the video is ready, and the saved position. */
export const fetchLesson = (lessonId: string) => request<LessonResponse>('GET', '/lessons/' + enc(lessonId));

/**
 * Where the learner is in a lesson's video. `keepalive` lets the request
 * outlive the page, for the save made as the learner leaves.
 */
export const savePosition = (lessonId: string, seconds: number, keepalive = false) =>
  request<void>(
    'PUT',
    '/lessons/' + enc(lessonId) + '/position',
    { seconds } satisfies Schemas['PositionUpdate'],
    { keepalive },
  );

/** A certificate by its public code; anyone may look one up. */
export const fetchCertificate = (code: string) => request<Certificate>('GET', '/certificates/' + enc(code));

/** The certificate as a PDF: a plain link, which the browser downloads. */
export const certificatePdfUrl = (code: string) => '/api/certificates/' + enc(code) + '/pdf';

// Commerce
export const fetchOrders = () => request<OrdersResponse>('GET', '/orders').then((r) => r.orders);

export const fetchCart = () => request<Schemas['Cart']>('GET', '/cart').then((r) => r.items);
export const saveCart = (items: CartLine[]) =>
  request<Schemas['Cart']>('PUT', '/cart', { items } satisfies Schemas['Cart']).then((r) => r.items);
/** Hand a visitor's cart to the user who just signed in: the merged cart and what was left out as owned. */
export const mergeCart = (items: CartLine[]) =>
  request<Schemas['CartMerged']>('POST', '/cart/merge', { items } satisfies Schemas['Cart']);

/**
 * Place an order. `idempotencyKey` names the checkout attempt: sent again on
 * a retry, it answers the order that attempt placed instead of placing another.
 */
export const createOrder = (items: CartLine[], idempotencyKey?: string, couponCode?: string) =>
  request<CreateOrderResponse>(
    'POST',
    '/orders',
    (couponCode ? { items, couponCode } : { items }) satisfies OrderCreateWithCoupon,
    { headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} },
  );

/** What the order would cost, a coupon's discount included; the same coupon errors as placing it. */
export const quoteOrder = (items: CartLine[], couponCode?: string) =>
  request<Quote>('POST', '/orders/quote', couponCode ? { items, couponCode } : { items });

/** One of the caller's orders as a PDF receipt: a plain link, sent with the session cookie. */
export const receiptUrl = (orderId: string) => '/api/orders/' + enc(orderId) + '/receipt';
