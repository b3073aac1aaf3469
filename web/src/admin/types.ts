/**
 * The staff API's types (and the checkout's coupon), under the names the
 * staff pages use: aliases of the ones `make api-types` generates from the
 * gateway's OpenAPI document into ../api-schema.ts, as ../api.ts does.
 */
import type { components } from '../api-schema';

type Schemas = components['schemas'];

export type Money = string;
export type Timestamp = string;
export type ItemType = Schemas['OrderItemCreate']['itemType'];
export type Role = Schemas['UserPublic']['role'];
export type PublishStatus = Schemas['AdminCourse']['status'];
export type ItemRef = Schemas['OrderItemCreate'];

// ------------------------------------------------------------ A. authoring

export type AdminCourse = Schemas['AdminCourse'];
/** The body of POST and PUT /api/admin/courses[/{id}]. */
export type CourseInput = Schemas['CourseWrite'];
export type AdminLesson = Schemas['AdminLesson'];
/** The body of POST /api/admin/courses/{id}/lessons (PUT /api/admin/lessons/{id} takes any of its fields). */
export type LessonInput = Schemas['LessonCreate'];
export type OutlineModule = Schemas['OutlineModule'];
export type Outline = Schemas['OutlineUpdate'];
export type AdminAsset = Schemas['AdminAsset'];
export type AssetInput = Schemas['AssetWrite'];
export type AdminCoursesResponse = Schemas['AdminCourseList'];
export type AdminCourseEnvelope = Schemas['AdminCourseEnvelope'];
export type AdminCourseDetail = Schemas['AdminCourseDetail'];
export type AdminLessonEnvelope = Schemas['AdminLessonEnvelope'];
export type AdminAssetsResponse = Schemas['AdminAssetList'];
export type AdminAssetEnvelope = Schemas['AdminAssetEnvelope'];

// ------------------------------------------------------------ B. refunds

export type OrderStatus = Schemas['OrderPublic']['status'];
export type AdminOrderItem = Schemas['OrderItemPublic'];
export type Refund = Schemas['RefundPublic'];
export type AdminOrder = Schemas['StaffOrder'];
export type AdminOrdersResponse = Schemas['StaffOrderList'];
export type AdminOrderEnvelope = Schemas['StaffOrderEnvelope'];
export type RefundInput = Schemas['RefundCreate'];
export type RefundCreated = Schemas['RefundCreated'];

// ------------------------------------------------------------ C. uploads

export type Upload = Schemas['UploadPublic'];
export type UploadOwnerType = Upload['ownerType'];
export type UploadKind = Upload['kind'];
export type UploadStatus = Upload['status'];
export type UploadCreate = Schemas['UploadCreate'];
export type UploadEnvelope = Schemas['UploadEnvelope'];
export type UploadsResponse = Schemas['UploadList'];

// ------------------------------------------------------------ D. coupons

export type Coupon = Schemas['CouponPublic'];
export type CouponKind = Coupon['kind'];
export type CouponInput = Schemas['CouponCreate'];
export type CouponsResponse = Schemas['CouponList'];
export type CouponEnvelope = Schemas['CouponEnvelope'];
/** POST /api/orders, with a coupon or not. */
export type OrderCreateWithCoupon = Schemas['OrderCreate'];
export type QuoteItem = Schemas['QuoteItem'];
/** POST /api/orders/quote. */
export type Quote = Schemas['OrderQuote'];

export const COUPON_ERRORS = [
  'COUPON_NOT_FOUND',
  'COUPON_EXPIRED',
  'COUPON_USED_UP',
  'COUPON_ALREADY_USED',
  'COUPON_NOT_APPLICABLE',
] as const;

// ------------------------------------------------------------ E. figures

export type SalesDay = Schemas['SalesDay'];
export type SalesItem = Schemas['SalesItem'];
export type SalesOverview = Schemas['SalesOverview'];
export type CourseStats = Schemas['CourseStats'];
export type CourseStatsResponse = Schemas['CourseStatsList'];
export type LearnerLookup = Schemas['LearnerLookup'];
export type LearnerEnrollment = Schemas['LearnerEnrollment'];
export type LearnerEnrollmentsResponse = Schemas['LearnerEnrollmentList'];
