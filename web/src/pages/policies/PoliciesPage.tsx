// Placeholder: replaced by the page's implementation in this session.
export default function PoliciesPage() {
  return <div data-testid="page-PoliciesPage" />;
}
