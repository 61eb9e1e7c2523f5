export { ConfigError, SETTINGS, loadConfig, sizeInBytes } from "./config";
export type { Config, SettingName } from "./config";
export { packageRoot } from "./package-root";
