// Placeholder: replaced by the page's implementation in this session.
export default function PolicyFiguresPage() {
  return <div data-testid="page-PolicyFiguresPage" />;
}
