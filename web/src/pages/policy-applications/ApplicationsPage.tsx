// Placeholder: replaced by the page's implementation in this session.
export default function ApplicationsPage() {
  return <div data-testid="page-ApplicationsPage" />;
}
