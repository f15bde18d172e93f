import { make_twiddler_rpcinterface } from './make-twiddler-rpcinterface';

export { make_twiddler_rpcinterface, UNAUTHENTICATED_INET_MESSAGE } from './make-twiddler-rpcinterface';
export { TWIDDLER_API_VERSION, TWIDDLER_NAMESPACE } from './twiddler-namespace';
export { NOT_IN_WHITELIST } from './twiddler-faults';
export { ALLOW_UNAUTHENTICATED_INET_KEY, WHITELIST_KEY } from './twiddler-settings';

export default make_twiddler_rpcinterface;
