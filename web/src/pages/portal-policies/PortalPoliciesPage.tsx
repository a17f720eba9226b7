// Placeholder: replaced by the page's implementation in this session.
export default function PortalPoliciesPage() {
  return <div data-testid="page-PortalPoliciesPage" />;
}
