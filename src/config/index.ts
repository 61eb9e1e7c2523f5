export { ConfigError, SETTINGS, loadConfig } from "./config";
export type { Config, SettingName } from "./config";
export { packageRoot } from "./package-root";
