/** `chime/backend`: the contract, the clients that implement it, and the shared-client factory. */
export * from './contract.js';
export * from './validation.js';
export * from './backend-validation.js';
export { LocalBackend, type LocalBackendOptions } from './local.js';
export { RestBackend } from './rest.js';
export { backendFor, registerBackend, resetBackends } from './factory.js';
