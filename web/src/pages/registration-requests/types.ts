/** Shapes of /api/registration-requests: names for the generated contract's types. */
import type { Schemas } from '../../api';

export type RegistrationRequest = Schemas['RegistrationRequest'];
export type RequestStatus = RegistrationRequest['status'];
