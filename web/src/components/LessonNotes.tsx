import Markdown, { type Components } from 'react-markdown';

// Links in notes leave the player in a new tab, so the video keeps its place.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

/**
 * A lesson's written notes, from Markdown. Raw HTML in the source is
 * dropped, not rendered, and link targets pass react-markdown's URL filter
 * (no `javascript:`), so notes cannot run script in the page.
 */
export function LessonNotes({ markdown }: { markdown: string }) {
  return (
    <div className="notes" data-testid="lesson-notes">
      <Markdown skipHtml components={components}>
        {markdown}
      </Markdown>
    </div>
  );
}
