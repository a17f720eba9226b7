// Placeholder: replaced by the page's implementation in this session.
export default function PortalBenefitsPage() {
  return <div data-testid="page-PortalBenefitsPage" />;
}
