import type { Lesson, LessonProgress } from './api';

export interface Module {
  moduleNumber: number;
  moduleName: string;
  lessons: Lesson[];
  minutes: number;
}

/** Lessons grouped by module, in module then lesson order. */
export function groupByModule(lessons: Lesson[]): Module[] {
  const sorted = [...lessons].sort((a, b) => a.moduleNumber - b.moduleNumber || a.lessonNumber - b.lessonNumber);
  const modules: Module[] = [];
  for (const lesson of sorted) {
    let mod = modules[modules.length - 1];
    if (!mod || mod.moduleNumber !== lesson.moduleNumber) {
      mod = { moduleNumber: lesson.moduleNumber, moduleName: lesson.moduleName, lessons: [], minutes: 0 };
      modules.push(mod);
    }
    mod.lessons.push(lesson);
    mod.minutes += lesson.duration ?? 0;
  }
  return modules;
}

export function orderedLessons(lessons: Lesson[]): Lesson[] {
  return groupByModule(lessons).flatMap((m) => m.lessons);
}

export function completedSet(progress: LessonProgress[] | undefined): Set<string> {
  return new Set((progress ?? []).filter((p) => p.completed).map((p) => p.lessonId));
}

/** The first lesson not completed yet, or the first lesson when all are done. */
export function nextLesson(lessons: Lesson[], progress: LessonProgress[] | undefined): Lesson | undefined {
  const ordered = orderedLessons(lessons);
  const done = completedSet(progress);
  return ordered.find((l) => !done.has(l.id)) ?? ordered[0];
}

export function lessonCode(lesson: Lesson): string {
  return `${lesson.moduleNumber}.${lesson.lessonNumber}`;
}
