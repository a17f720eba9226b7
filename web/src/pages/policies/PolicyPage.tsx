// Placeholder: replaced by the page's implementation in this session.
export default function PolicyPage() {
  return <div data-testid="page-PolicyPage" />;
}
