// Placeholder: replaced by the page's implementation in this session.
export default function PortalApplicationsPage() {
  return <div data-testid="page-PortalApplicationsPage" />;
}
