/**
 * TanStack Query hooks. Query keys follow the product spec (section 5.2):
 * ['courses'], ['course', slug], ['assets'], ['enrollments'], ['orders'];
 * plus ['me'] for the session, ['asset', id], ['progress', enrollmentId] and
 * ['certificate', code].
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import * as api from './api';
import type { CartLine, EnrollmentWithCourse, User } from './api';

export const keys = {
  me: ['me'] as const,
  courses: ['courses'] as const,
  course: (slug: string) => ['course', slug] as const,
  assets: ['assets'] as const,
  asset: (id: string) => ['asset', id] as const,
  enrollments: ['enrollments'] as const,
  progress: (enrollmentId: string) => ['progress', enrollmentId] as const,
  lesson: (lessonId: string) => ['lesson', lessonId] as const,
  orders: ['orders'] as const,
  certificate: (code: string) => ['certificate', code] as const,
};

// ------------------------------------------------------------- session

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: api.fetchMe, staleTime: 5 * 60_000 });
}

function onSignedIn(qc: QueryClient, user: User) {
  qc.setQueryData(keys.me, user);
  qc.removeQueries({ queryKey: keys.enrollments });
  qc.removeQueries({ queryKey: keys.orders });
  qc.removeQueries({ queryKey: ['progress'] });
  qc.removeQueries({ queryKey: ['lesson'] });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: api.login, onSuccess: (user) => onSignedIn(qc, user) });
}

export function useRegister() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: api.register, onSuccess: (user) => onSignedIn(qc, user) });
}

/** `leave` runs before the session is cleared, so that a protected page can be left first. */
export function useLogout(leave?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: api.logout,
    onSettled: () => {
      leave?.();
      qc.setQueryData(keys.me, null);
      qc.removeQueries({ queryKey: keys.enrollments });
      qc.removeQueries({ queryKey: keys.orders });
      qc.removeQueries({ queryKey: ['progress'] });
      qc.removeQueries({ queryKey: ['lesson'] });
    },
  });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: api.requestPasswordReset });
}

export function useConfirmPasswordReset() {
  const qc = useQueryClient();
  // Every session of the account ended, this browser's too if it had one.
  return useMutation({ mutationFn: api.confirmPasswordReset, onSuccess: () => qc.setQueryData(keys.me, null) });
}

export function useChangePassword() {
  return useMutation({ mutationFn: api.changePassword });
}

export function useUpdateProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: api.updateProfile,
    onSuccess: (user) => qc.setQueryData(keys.me, user),
  });
}

// ------------------------------------------------------------- catalog

export function useCourses() {
  return useQuery({ queryKey: keys.courses, queryFn: api.fetchCourses });
}

export function useCourse(slug: string | undefined) {
  return useQuery({
    queryKey: keys.course(slug ?? ''),
    queryFn: () => api.fetchCourse(slug!),
    enabled: !!slug,
  });
}

export function useAssets() {
  return useQuery({ queryKey: keys.assets, queryFn: api.fetchAssets });
}

export function useAsset(id: string | undefined) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: keys.asset(id ?? ''),
    queryFn: () => api.fetchAsset(id!),
    enabled: !!id,
    // Show the card from the store list at once while the detail loads.
    placeholderData: () => qc.getQueryData<api.Asset[]>(keys.assets)?.find((a) => a.id === id),
  });
}

// ------------------------------------------------------------ learning

export function useEnrollments(
  options: {
    enabled?: boolean;
    refetchInterval?: number | false | ((data: EnrollmentWithCourse[] | undefined) => number | false);
  } = {},
) {
  const { enabled = true, refetchInterval } = options;
  return useQuery({
    queryKey: keys.enrollments,
    queryFn: api.fetchEnrollments,
    enabled,
    refetchInterval:
      typeof refetchInterval === 'function' ? (q) => refetchInterval(q.state.data) : refetchInterval,
  });
}

export function useEnrollmentProgress(enrollmentId: string | undefined) {
  return useQuery({
    queryKey: keys.progress(enrollmentId ?? ''),
    queryFn: () => api.fetchEnrollmentProgress(enrollmentId!),
    enabled: !!enrollmentId,
  });
}

export function useUpdateProgress() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: api.updateProgress,
    onSuccess: (row, vars) => {
      qc.setQueryData<api.LessonProgress[]>(keys.progress(vars.enrollmentId), (old) => {
        if (!old) return old;
        const rest = old.filter((p) => p.lessonId !== row.lessonId);
        return [...rest, row];
      });
      return Promise.all([
        qc.invalidateQueries({ queryKey: keys.enrollments }),
        qc.invalidateQueries({ queryKey: keys.progress(vars.enrollmentId) }),
      ]);
    },
  });
}

/**
 * A lesson to watch. Its playback URLs expire (at most an hour), so the
 * answer is refetched well before that while the player stays open.
 */
export function useLesson(lessonId: string | undefined) {
  return useQuery({
    queryKey: keys.lesson(lessonId ?? ''),
    queryFn: () => api.fetchLesson(lessonId!),
    enabled: !!lessonId,
    staleTime: 10 * 60_000,
    refetchOnWindowFocus: false,
    retry: (count, err) => !api.isApiError(err) || (err.status >= 500 && count < 2),
  });
}

/**
 * Save where the learner is in a lesson, and keep the cached lesson's
 * position with it (so that coming back resumes there). A save at the end
 * of the video may have completed the lesson on the server, so progress is
 * refreshed then. `keepalive` lets the save outlive a closed page.
 */
export function useSavePosition(enrollmentId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: { lessonId: string; seconds: number; completes: boolean; keepalive?: boolean }) =>
      api.savePosition(vars.lessonId, vars.seconds, vars.keepalive),
    onMutate: ({ lessonId, seconds }) => {
      qc.setQueryData<api.LessonResponse>(keys.lesson(lessonId), (old) =>
        old && { ...old, position: { seconds, updatedAt: new Date().toISOString() } },
      );
    },
    onSuccess: (_, vars) => {
      if (!vars.completes || !enrollmentId) return;
      return Promise.all([
        qc.invalidateQueries({ queryKey: keys.enrollments }),
        qc.invalidateQueries({ queryKey: keys.progress(enrollmentId) }),
      ]);
    },
  });
}

/** A certificate by its public code: it never changes once issued. */
export function useCertificate(code: string | undefined) {
  return useQuery({
    queryKey: keys.certificate(code ?? ''),
    queryFn: () => api.fetchCertificate(code!),
    enabled: !!code,
    staleTime: Infinity,
    retry: (count, err) => !api.isApiError(err) || (err.status >= 500 && count < 2),
  });
}

export function useEnroll() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: api.createEnrollment,
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.enrollments }),
  });
}

// ------------------------------------------------------------ commerce

export function useOrders(enabled = true) {
  return useQuery({ queryKey: keys.orders, queryFn: api.fetchOrders, enabled });
}

export function useCreateOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ lines, idempotencyKey, couponCode }: { lines: CartLine[]; idempotencyKey: string; couponCode?: string }) =>
      api.createOrder(lines, idempotencyKey, couponCode),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.enrollments }),
        qc.invalidateQueries({ queryKey: keys.orders }),
      ]),
    // A 409 means something in the cart is already owned: refresh what the
    // user owns so that the cart can point at it.
    onError: (err) => {
      if (api.isApiError(err, 409)) {
        qc.invalidateQueries({ queryKey: keys.enrollments });
        qc.invalidateQueries({ queryKey: keys.orders });
      }
    },
  });
}

// ------------------------------------------------------------ ownership

/** Course ids the user is enrolled in and asset ids they have bought. */
export function useOwnership() {
  const me = useMe();
  const signedIn = !!me.data;
  const enrollments = useEnrollments({ enabled: signedIn });
  const orders = useOrders(signedIn);
  const courseIds = new Set((enrollments.data ?? []).map((e) => e.courseId));
  const assetIds = new Set<string>();
  const purchasedCourseIds = new Set<string>();
  for (const order of orders.data ?? []) {
    for (const item of order.items) {
      // A refunded item is no longer owned: it can be bought again.
      if (item.refunded) continue;
      if (item.itemType === 'asset') assetIds.add(item.itemId);
      else purchasedCourseIds.add(item.itemId);
    }
  }
  return {
    signedIn,
    loading: me.isPending || (signedIn && (enrollments.isPending || orders.isPending)),
    enrollments: enrollments.data ?? [],
    enrolledCourseIds: courseIds,
    purchasedCourseIds,
    ownedAssetIds: assetIds,
    ownsCourse: (id: string) => courseIds.has(id) || purchasedCourseIds.has(id),
    ownsAsset: (id: string) => assetIds.has(id),
  };
}
