export { createWebUi, requestUrl, webUiPath, type WebUi, type WebUiOptions } from './web-ui';
export { mountWebUi } from './mount-web-ui';
