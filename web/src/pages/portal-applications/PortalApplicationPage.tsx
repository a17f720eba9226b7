// Placeholder: replaced by the page's implementation in this session.
export default function PortalApplicationPage() {
  return <div data-testid="page-PortalApplicationPage" />;
}
