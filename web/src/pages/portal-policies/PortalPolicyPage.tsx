// Placeholder: replaced by the page's implementation in this session.
export default function PortalPolicyPage() {
  return <div data-testid="page-PortalPolicyPage" />;
}
