// Placeholder: replaced by the page's implementation in this session.
export default function PushPage() {
  return <div data-testid="page-PushPage" />;
}
