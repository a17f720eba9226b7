// Placeholder: replaced by the page's implementation in this session.
export default function GrantsPage() {
  return <div data-testid="page-GrantsPage" />;
}
