/** Client of the staff API (/api/admin/*), over the same transport as ../api.ts. */
import { ApiError, request, type ErrorBody } from '../api';
import type * as T from './types';

const enc = encodeURIComponent;
const qs = (params: Record<string, string | number | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? '?' + s : '';
};

// A. Authoring
export const fetchCourses = () => request<T.AdminCoursesResponse>('GET', '/admin/courses').then((r) => r.courses);
export const fetchCourse = (id: string) => request<T.AdminCourseDetail>('GET', '/admin/courses/' + enc(id));
export const createCourse = (input: T.CourseInput) =>
  request<T.AdminCourseEnvelope>('POST', '/admin/courses', input).then((r) => r.course);
export const updateCourse = (id: string, input: T.CourseInput) =>
  request<T.AdminCourseEnvelope>('PUT', '/admin/courses/' + enc(id), input).then((r) => r.course);
export const deleteCourse = (id: string) => request<void>('DELETE', '/admin/courses/' + enc(id));

export const createLesson = (courseId: string, input: T.LessonInput) =>
  request<T.AdminLessonEnvelope>('POST', '/admin/courses/' + enc(courseId) + '/lessons', input).then((r) => r.lesson);
export const updateLesson = (id: string, input: T.LessonInput) =>
  request<T.AdminLessonEnvelope>('PUT', '/admin/lessons/' + enc(id), input).then((r) => r.lesson);
export const deleteLesson = (id: string) => request<void>('DELETE', '/admin/lessons/' + enc(id));
export const saveOutline = (courseId: string, outline: T.Outline) =>
  request<T.AdminCourseDetail>('PUT', '/admin/courses/' + enc(courseId) + '/outline', outline);

export const fetchAssets = () => request<T.AdminAssetsResponse>('GET', '/admin/assets').then((r) => r.assets);
export const createAsset = (input: T.AssetInput) =>
  request<T.AdminAssetEnvelope>('POST', '/admin/assets', input).then((r) => r.asset);
export const updateAsset = (id: string, input: T.AssetInput) =>
  request<T.AdminAssetEnvelope>('PUT', '/admin/assets/' + enc(id), input).then((r) => r.asset);
export const deleteAsset = (id: string) => request<void>('DELETE', '/admin/assets/' + enc(id));

// B. Orders and refunds
export const fetchOrders = (userId: string, limit = 50) =>
  request<T.AdminOrdersResponse>('GET', '/admin/orders' + qs({ userId, limit })).then((r) => r.orders);
export const fetchOrder = (id: string) =>
  request<T.AdminOrderEnvelope>('GET', '/admin/orders/' + enc(id)).then((r) => r.order);
export const refundOrder = (id: string, input: T.RefundInput) =>
  request<T.RefundCreated>('POST', '/admin/orders/' + enc(id) + '/refunds', input);

// C. Uploads
export const createUpload = (input: T.UploadCreate) =>
  request<T.UploadEnvelope>('POST', '/admin/uploads', input).then((r) => r.upload);
export const fetchUpload = (id: string) =>
  request<T.UploadEnvelope>('GET', '/admin/uploads/' + enc(id)).then((r) => r.upload);
export const fetchUploads = (ownerType: T.UploadOwnerType, ownerId: string) =>
  request<T.UploadsResponse>('GET', '/admin/uploads' + qs({ ownerType, ownerId })).then((r) => r.uploads);

/** The server holds a different number of bytes than this chunk starts at: resume from `received`. */
export class UploadOffsetError extends Error {
  readonly received: number;
  constructor(received: number) {
    super('The upload resumes at byte ' + received);
    this.received = received;
  }
}

/**
 * One chunk of an upload: `Content-Range: bytes START-END/TOTAL` (END
 * inclusive), the bytes as the body. A 409 UPLOAD_OFFSET becomes an
 * UploadOffsetError that says where the server is.
 */
export async function putChunk(id: string, chunk: Blob, start: number, total: number, signal?: AbortSignal) {
  const end = start + chunk.size - 1;
  const res = await fetch('/api/admin/uploads/' + enc(id), {
    method: 'PUT',
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/octet-stream',
      'Content-Range': `bytes ${start}-${end}/${total}`,
    },
    body: chunk,
    signal,
  });
  let data: Record<string, unknown> = {};
  try {
    data = await res.json();
  } catch {
    data = {};
  }
  if (res.ok) return (data as unknown as T.UploadEnvelope).upload;
  if (res.status === 409 && data.code === 'UPLOAD_OFFSET') {
    const details = (data.details ?? {}) as Record<string, unknown>;
    const received = Number(details.received ?? data.received);
    if (Number.isFinite(received)) throw new UploadOffsetError(received);
  }
  throw new ApiError(res.status, data as Partial<ErrorBody>);
}

// D. Coupons
export const fetchCoupons = () => request<T.CouponsResponse>('GET', '/admin/coupons').then((r) => r.coupons);
export const createCoupon = (input: T.CouponInput) =>
  request<T.CouponEnvelope>('POST', '/admin/coupons', input).then((r) => r.coupon);
export const deactivateCoupon = (id: string) => request<void>('DELETE', '/admin/coupons/' + enc(id));

// E. Figures and learners
export const fetchSales = (from: string, to: string) =>
  request<T.SalesOverview>('GET', '/admin/sales' + qs({ from, to }));
export const salesCsvUrl = (from: string, to: string) => '/api/admin/sales.csv' + qs({ from, to });
export const fetchCourseStats = () =>
  request<T.CourseStatsResponse>('GET', '/admin/stats/courses').then((r) => r.courses);

export const findLearner = (email: string) => request<T.LearnerLookup>('GET', '/admin/learners' + qs({ email }));
export const endSessions = (userId: string) =>
  request<{ ended: number }>('DELETE', '/admin/learners/' + enc(userId) + '/sessions');
export const setRole = (userId: string, role: T.Role) =>
  request<{ user: T.LearnerLookup['user'] }>('PUT', '/admin/users/' + enc(userId) + '/role', { role }).then(
    (r) => r.user,
  );
export const fetchLearnerEnrollments = (userId: string) =>
  request<T.LearnerEnrollmentsResponse>('GET', '/admin/learners/' + enc(userId) + '/enrollments').then(
    (r) => r.enrollments,
  );
