import { useEffect, type RefObject } from 'react';

/**
 * After a failed submit, move focus to the first invalid field of the form,
 * or to its error message when no field is to blame, so that keyboard and
 * screen reader users land on what needs fixing. `failure` is whatever
 * changes with each failed attempt (the error object); nothing happens
 * while it is null.
 */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, failure: unknown) {
  useEffect(() => {
    if (!failure || !form.current) return;
    const target =
      form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.current.querySelector<HTMLElement>('[role="alert"]');
    if (!target) return;
    if (!target.matches('input, select, textarea, button') && !target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1');
    }
    target.focus();
  }, [failure, form]);
}
