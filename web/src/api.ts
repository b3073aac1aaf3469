/**
 * Typed client for the Infinite Studio HTTP API (`/api/*`).
 *
 * Every request goes through `request()`, which sends the session cookie
 * (`credentials: 'same-origin'`), parses JSON and turns any 4xx/5xx answer
 * into an `ApiError` carrying the server's `message`, `code` and `details`.
 */

// ---------------------------------------------------------------- types

/** Money as a decimal string, e.g. "149.00". */
export type Money = string;
/** ISO-8601 UTC timestamp. */
export type Timestamp = string;

export interface User {
  id: string;
  username: string;
  email: string;
  createdAt?: Timestamp;
}

export interface Course {
  id: string;
  title: string;
  slug: string;
  description: string;
  shortDescription: string;
  price: Money;
  level: string;
  duration: string;
  lessonsCount: number;
  badge: string | null;
  color: string;
}

export interface Lesson {
  id: string;
  courseId: string;
  moduleNumber: number;
  moduleName: string;
  lessonNumber: number;
  title: string;
  videoUrl: string | null;
  /** Minutes. */
  duration: number | null;
}

export interface Asset {
  id: string;
  title: string;
  description: string;
  price: Money;
  category: string;
  badge: string | null;
  imageUrl: string | null;
  fileFormat: string;
  fileSize: string | null;
  color: string;
}

export interface ProgressSummary {
  total: number;
  completed: number;
  percentage: number;
}

export interface Enrollment {
  id: string;
  userId: string;
  courseId: string;
  enrolledAt: Timestamp;
}

export interface EnrollmentWithCourse extends Enrollment {
  course: Course;
  progress: ProgressSummary;
}

export interface LessonProgress {
  id: string;
  enrollmentId: string;
  lessonId: string;
  completed: boolean;
  completedAt: Timestamp | null;
}

export type ItemType = 'course' | 'asset';

export interface OrderItem {
  id: string;
  orderId: string;
  itemType: ItemType;
  itemId: string;
  price: Money;
}

export interface Order {
  id: string;
  userId: string;
  totalAmount: Money;
  status: 'pending' | 'completed' | 'failed' | string;
  createdAt: Timestamp;
}

export interface OrderWithItems extends Order {
  items: OrderItem[];
}

export interface CartLine {
  itemType: ItemType;
  itemId: string;
}

// ------------------------------------------------------------ responses

export interface UserResponse { user: User }
export interface CoursesResponse { courses: Course[] }
export interface CourseResponse { course: Course; lessons: Lesson[] }
export interface AssetsResponse { assets: Asset[] }
export interface AssetResponse { asset: Asset }
export interface EnrollmentsResponse { enrollments: EnrollmentWithCourse[] }
export interface EnrollmentResponse { enrollment: Enrollment }
export interface ProgressListResponse { progress: LessonProgress[] }
export interface ProgressResponse { progress: LessonProgress }
export interface OrdersResponse { orders: OrderWithItems[] }
export interface CreateOrderResponse { order: Order; items: OrderItem[] }

/** Error body the API sends with every 4xx/5xx. */
export interface ErrorBody {
  message: string;
  code: string;
  details: null | Record<string, unknown>;
}

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

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
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
export const register = (input: { username: string; email: string; password: string }) =>
  request<UserResponse>('POST', '/auth/register', input).then((r) => r.user);

export const login = (input: { email: string; password: string }) =>
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

export const updateProfile = (input: { username?: string; email?: string }) =>
  request<UserResponse>('PUT', '/auth/profile', input).then((r) => r.user);

// Catalog
export const fetchCourses = () => request<CoursesResponse>('GET', '/courses').then((r) => r.courses);
export const fetchCourse = (slug: string) => request<CourseResponse>('GET', '/courses/' + enc(slug));
export const fetchAssets = () => request<AssetsResponse>('GET', '/assets').then((r) => r.assets);
export const fetchAsset = (id: string) =>
  request<AssetResponse>('GET', '/assets/' + enc(id)).then((r) => r.asset);

// Learning
export const fetchEnrollments = () =>
  request<EnrollmentsResponse>('GET', '/enrollments').then((r) => r.enrollments);

export const createEnrollment = (courseId: string) =>
  request<EnrollmentResponse>('POST', '/enrollments', { courseId }).then((r) => r.enrollment);

export const fetchEnrollmentProgress = (enrollmentId: string) =>
  request<ProgressListResponse>('GET', '/enrollments/' + enc(enrollmentId) + '/progress').then(
    (r) => r.progress,
  );

export const updateProgress = (input: { enrollmentId: string; lessonId: string; completed: boolean }) =>
  request<ProgressResponse>('POST', '/progress', input).then((r) => r.progress);

// Commerce
export const fetchOrders = () => request<OrdersResponse>('GET', '/orders').then((r) => r.orders);

export const createOrder = (items: CartLine[]) =>
  request<CreateOrderResponse>('POST', '/orders', { items });
