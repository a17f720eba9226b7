// Placeholder: replaced by the page's implementation in this session.
export default function ApplicationPage() {
  return <div data-testid="page-ApplicationPage" />;
}
