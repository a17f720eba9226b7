/** The Open311 discovery document: where the GeoReport v2 endpoint is and how to use it here. */
export function discovery(origin: string) {
  const changeset = '2026-01-01T00:00:00Z';
  return {
    changeset,
    contact: '区企业服务办（企服通）',
    key_service: '由系统管理员在「开放平台」登记对接系统后发放 api_key（Bearer 或 api_key 参数）',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${origin}/open311/v2`,
        changeset,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
    // Not in the standard: how this jurisdiction names the enterprise on whose behalf a request is filed.
    notes: [
      'POST requests: the enterprise is named by attribute[uscc] (or account_id instead): its 18-character unified social credit code.',
      'POST requests are application/x-www-form-urlencoded (a JSON body is accepted too); multipart/form-data is refused.',
      'A service whose description says 须提供位置 needs a location: lat and long (decimal degrees), or address_string.',
      'lat, long, address_string, email and media_url (http or https) are kept and returned as given: address, lat, long, email, media_url.',
      'GET requests, requests/{id} and tokens/{token} need api_key and return only the requests filed with that key.',
      'Idempotency-Key header on POST requests: the same key gives back the same request; the token returned is that key.',
      'status_notes is the latest public note on the request; status is open or closed.',
    ],
  };
}
