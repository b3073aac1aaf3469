/**
 * Types of the staff API (/work/notes contract of issue 13, sections A–E) and
 * of the checkout's coupon, written by hand from the contract while the
 * routes are being built. Once they are in the gateway's OpenAPI document,
 * `make api-types` generates them into ../api-schema.ts and these become
 * aliases of the generated ones (as ../api.ts does).
 */
import type { components } from '../api-schema';

type Schemas = components['schemas'];

export type Money = string;
export type Timestamp = string;
export type ItemType = 'course' | 'asset';
export type Role = Schemas['UserPublic']['role'];
export type PublishStatus = 'draft' | 'published';

export interface ItemRef {
  itemType: ItemType;
  itemId: string;
}

// ------------------------------------------------------------ A. authoring

export type AdminCourse = Schemas['CoursePublic'] & { status: PublishStatus; updatedAt: Timestamp };

/** The body of POST and PUT /api/admin/courses[/{id}]. */
export interface CourseInput {
  title: string;
  slug: string;
  description: string;
  shortDescription: string;
  price: Money;
  level: string;
  duration: string;
  badge?: string | null;
  color: string;
  status?: PublishStatus;
}

// LessonWithNotes is not in the OpenAPI document yet: LessonPublic plus its notes.
export type AdminLesson = Schemas['LessonPublic'] & { notes: string | null; status: PublishStatus };

/** The body of POST /api/admin/courses/{id}/lessons and PUT /api/admin/lessons/{id}. */
export interface LessonInput {
  moduleNumber: number;
  moduleName: string;
  lessonNumber: number;
  title: string;
  duration?: number | null;
  notes?: string | null;
  preview: boolean;
  status?: PublishStatus;
}

export interface OutlineModule {
  moduleName: string;
  lessonIds: string[];
}

export interface Outline {
  modules: OutlineModule[];
}

export type AdminAsset = Schemas['AssetPublic'] & { status: PublishStatus };

/** AssetPublic minus id, plus status. */
export type AssetInput = Omit<Schemas['AssetPublic'], 'id'> & { status?: PublishStatus };

export interface AdminCoursesResponse {
  courses: AdminCourse[];
}
export interface AdminCourseEnvelope {
  course: AdminCourse;
}
export interface AdminCourseDetail {
  course: AdminCourse;
  lessons: AdminLesson[];
}
export interface AdminLessonEnvelope {
  lesson: AdminLesson;
}
export interface AdminAssetsResponse {
  assets: AdminAsset[];
}
export interface AdminAssetEnvelope {
  asset: AdminAsset;
}

// ------------------------------------------------------------ B. refunds

export type OrderStatus = 'completed' | 'partially_refunded' | 'refunded' | (string & {});

export type AdminOrderItem = Schemas['OrderItemPublic'] & { refunded: boolean };

export interface Refund {
  id: string;
  orderId: string;
  amount: Money;
  reason: string;
  createdAt: Timestamp;
  createdBy: string;
  items: { itemType: ItemType; itemId: string; price: Money }[];
}

export type AdminOrder = Omit<Schemas['OrderWithItems'], 'items' | 'status'> & {
  status: OrderStatus;
  discount: Money;
  couponCode: string | null;
  items: AdminOrderItem[];
  refunds: Refund[];
};

export interface AdminOrdersResponse {
  orders: AdminOrder[];
}
export interface AdminOrderEnvelope {
  order: AdminOrder;
}
export interface RefundInput {
  items?: ItemRef[];
  reason: string;
}
export interface RefundCreated {
  refund: Refund;
  order: AdminOrder;
}

// ------------------------------------------------------------ C. uploads

export type UploadOwnerType = 'lesson' | 'asset';
export type UploadKind = 'video' | 'pack' | 'preview';
export type UploadStatus = 'receiving' | 'processing' | 'ready' | 'failed';

export interface Upload {
  id: string;
  ownerType: UploadOwnerType;
  ownerId: string;
  kind: UploadKind;
  fileName: string;
  size: number;
  received: number;
  status: UploadStatus;
  error: string | null;
  createdAt: Timestamp;
  mediaId: string | null;
}

export interface UploadCreate {
  ownerType: UploadOwnerType;
  ownerId: string;
  kind: UploadKind;
  fileName: string;
  size: number;
}

export interface UploadEnvelope {
  upload: Upload;
}
export interface UploadsResponse {
  uploads: Upload[];
}

// ------------------------------------------------------------ D. coupons

export type CouponKind = 'percent' | 'fixed';

export interface Coupon {
  id: string;
  code: string;
  kind: CouponKind;
  /** "20" (percent, 1..100) or money "10.00". */
  value: string;
  expiresAt: Timestamp | null;
  maxRedemptions: number | null;
  maxPerUser: number | null;
  items: ItemRef[] | null;
  redemptions: number;
  active: boolean;
  createdAt: Timestamp;
}

export interface CouponInput {
  code: string;
  kind: CouponKind;
  value: string;
  expiresAt?: Timestamp | null;
  maxRedemptions?: number | null;
  maxPerUser?: number | null;
  items?: ItemRef[] | null;
}

export interface CouponsResponse {
  coupons: Coupon[];
}
export interface CouponEnvelope {
  coupon: Coupon;
}

/** POST /api/orders with the coupon of section D. */
export interface OrderCreateWithCoupon {
  items: ItemRef[];
  couponCode?: string;
}

export interface QuoteItem {
  itemType: ItemType;
  itemId: string;
  title: string;
  price: Money;
  discount: Money;
}

/** POST /api/orders/quote. */
export interface Quote {
  subtotal: Money;
  discount: Money;
  total: Money;
  couponCode: string | null;
  items: QuoteItem[];
}

export const COUPON_ERRORS = [
  'COUPON_NOT_FOUND',
  'COUPON_EXPIRED',
  'COUPON_USED_UP',
  'COUPON_ALREADY_USED',
  'COUPON_NOT_APPLICABLE',
] as const;

// ------------------------------------------------------------ E. figures

/** A day of GET /api/admin/sales; `refunds`/`refunded` arrive with section E. */
export type SalesDay = Schemas['SalesDay'] & { refunds?: number; refunded?: Money };
export type SalesItem = Schemas['SalesItem'];
export type SalesOverview = Omit<Schemas['SalesOverview'], 'days'> & {
  days: SalesDay[];
  refunds?: number;
  refunded?: Money;
};

export interface CourseStats {
  courseId: string;
  title: string;
  enrollments: number;
  completed: number;
  /** 0..1 */
  completionRate: number;
}
export interface CourseStatsResponse {
  courses: CourseStats[];
}

export type LearnerLookup = Schemas['LearnerLookup'];

export type LearnerEnrollment = Schemas['EnrollmentWithProgress'] & { revokedAt: Timestamp | null };
export interface LearnerEnrollmentsResponse {
  enrollments: LearnerEnrollment[];
}
