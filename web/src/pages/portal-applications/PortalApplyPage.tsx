// Placeholder: replaced by the page's implementation in this session.
export default function PortalApplyPage() {
  return <div data-testid="page-PortalApplyPage" />;
}
