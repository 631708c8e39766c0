// CostOps on Azure Functions Flex Consumption, identity-only, least privilege.
//
// Deploy into a resource group with `azd up` (azure.yaml; parameters in bicep/main.parameters.json), or
// with infra/deploy.sh, which runs
//   az deployment group create -g <rg> --template-file bicep/main.bicep --parameters @<your copy of infra/parameters.example.json>
// and then deploys the app package (artifacts/costops-app.zip) to the Flex Consumption app.
//
// One user-assigned identity does everything. It gets data roles on this deployment's own storage
// account, vault and Application Insights, and read roles (plus Virtual Machine Contributor on the
// GPU resource groups only) on the scopes listed in the parameters. No key, connection string or SAS
// appears anywhere: the storage account refuses shared keys and the secrets live in Key Vault.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

// One entry of CostOps:Sources (TelemetrySourceOptions in the code), field names as the app binds them.
// Sealed, so a misspelt field fails the deployment instead of being ignored by the app.
@sealed()
type telemetrySource = {
  @description('Unique name the workload catalog refers to.')
  Name: string
  @description('Source type (docs/telemetry-sources.md).')
  Type: ('azureMonitor' | 'azureOpenAI' | 'openai' | 'anthropic' | 'prometheus' | 'costManagement' | 'retailPrices' | 'arm')
  @description('Base URI of the API; required for prometheus, optional elsewhere.')
  Endpoint: string?
  @description('Metrics batch endpoint template with {region} (azureMonitor, azureOpenAI, arm).')
  BatchEndpoint: string?
  @description('Azure region of the resources (azureMonitor, azureOpenAI, arm).')
  Region: string?
  @description('ARM resource ids (azureMonitor, azureOpenAI: Cognitive Services accounts; arm: VMs and scale sets).')
  ResourceIds: string[]?
  @description('Cost Management scope, e.g. /subscriptions/<id> (costManagement).')
  Scope: string?
  @description('Cost or PreTaxCost (costManagement).')
  CostColumn: ('Cost' | 'PreTaxCost')?
  @description('Resource types the cost query keeps (costManagement).')
  ResourceTypes: string[]?
  @description('The NAME of the app setting holding the admin key (openai, anthropic); put that setting in keyVaultSecrets.')
  ApiKeySetting: string?
  @description('none or managedIdentity (prometheus).')
  Authentication: ('none' | 'managedIdentity')?
  @description('POST or GET (prometheus).')
  Method: ('POST' | 'GET')?
  @description('Range-query step as a TimeSpan, e.g. 00:01:00 (prometheus).')
  Step: string?
  @description('Points per series one range query may return (prometheus); default 11,000.')
  MaxPointsPerSeries: int?
  @description('Samples one range query may return, all series together (prometheus); default 50,000,000.')
  MaxSamplesPerQuery: int?
  @description('Series one range query may return (prometheus); default 500,000.')
  MaxSeriesPerQuery: int?
  @description('auto, classic or foundry (azureOpenAI).')
  TokenMetrics: ('auto' | 'classic' | 'foundry')?
  @description('ISO currency of list prices (retailPrices).')
  CurrencyCode: string?
  @description('How long a fetched price is reused, as a TimeSpan, e.g. 1.00:00:00 (retailPrices).')
  PriceCacheDuration: string?
}

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Short lowercase prefix for every resource name: 3-11 lowercase letters and digits.')
@minLength(3)
@maxLength(11)
param baseName string = 'costops'

@description('Azure region of every resource (Flex Consumption must be available there).')
param location string = resourceGroup().location

@description('Tags for every resource.')
param tags object = {
  application: 'costops'
}

@description('Memory per Flex Consumption instance, in MB.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Timer schedules by app setting name (the %Name% of a [TimerTrigger]), as six-field NCRONTAB in UTC (Flex Consumption does not support WEBSITE_TIME_ZONE). Overrides the defaults in defaultTimerSchedules below.')
param timerSchedules object = {}

@description('The workload catalog file, relative to the app root inside the deployed package (infra/deploy.sh --catalog puts your file there).')
param catalogPath string = 'catalog/workloads.json'

@description('How far the autopilot may go: off, dry-run (plan and record only) or enforce (act on the GPU resource groups below).')
@allowed([
  'off'
  'dry-run'
  'enforce'
])
param autopilotMode string = 'dry-run'

@description('Prefix for every CostOps table name (up to 21 letters or digits, starting with a letter); empty for the product names.')
param tablePrefix string = ''

@description('The telemetry sources (CostOps:Sources, docs/telemetry-sources.md), in order, with the same field names. Each becomes CostOps__Sources__<index>__<Field> app settings. An openai or anthropic source names in ApiKeySetting the app setting that holds its admin key: give that setting a Key Vault reference in keyVaultSecrets. The files type is for local runs and is not offered here.')
param telemetrySources telemetrySource[] = []

// The names are secret NAMES (app setting -> vault secret), never values, so the lint rule's guess is wrong here.
@description('Key Vault references: app setting name -> secret name in this deployment\'s vault, e.g. {"OpenAiAdminKey": "openai-admin-key", "CostOps__Digest__WebhookUrl": "teams-workflow-webhook-url"}. Each becomes @Microsoft.KeyVault(SecretUri=...) resolved with the app\'s identity. Create each secret before the app starts (infra/deploy.sh checks): an unresolved reference reaches the app as the literal @Microsoft.KeyVault(...) text. An empty secret name skips the entry.')
#disable-next-line secure-secrets-in-params
param keyVaultSecrets object = {}

@description('More non-secret app settings (e.g. CostOps__Digest__DashboardUrl, CostOps__Nightly__MaxParallelism). Secrets go in keyVaultSecrets, sources in telemetrySources. The identity, storage and telemetry settings below always win.')
param extraAppSettings object = {}

@description('Monitoring Reader: subscription or resource group ids (/subscriptions/<id>[/resourceGroups/<name>]) holding what CostOps reads metrics and state of (Azure OpenAI / Foundry resources, GPU VMs and scale sets). The metrics batch API needs this role at subscription scope.')
param monitoringReaderScopes array = []

@description('Monitoring Data Reader: Azure Monitor workspace ids (managed Prometheus with vLLM / DCGM metrics; the narrowest scope), or subscription / resource group ids.')
param monitoringDataReaderScopes array = []

@description('Cost Management Reader: subscription or resource group ids whose amortized cost CostOps queries. EA / MCA billing-account scopes use billing roles, which Azure RBAC (and so this template) cannot grant.')
param costManagementScopes array = []

@description('Virtual Machine Contributor: ONLY the resource group ids holding GPU VMs and scale sets the autopilot may deallocate, start or resize. Anything but a resource group id is ignored (and reported by infra/deploy.sh).')
param gpuResourceGroupIds array = []

@description('How the nightly TCO runs: SingleInstance (one invocation computes every workload) or FanOut (the NightlyTco timer enqueues one message per shard on the costops-nightly-shards queue and the NightlyTcoShard function computes each, scaling out with the queue). FanOut adds the queue, Storage Queue Data Contributor and the host\'s queue endpoint; SingleInstance disables NightlyTcoShard.')
@allowed([
  'SingleInstance'
  'FanOut'
])
param nightlyMode string = 'SingleInstance'

// The queue the fan-out's shards travel on; fixed in the app (NightlyOptions.ShardQueue), the host adds '-poison'.
var nightlyFanOut = nightlyMode == 'FanOut'
var shardQueueName = 'costops-nightly-shards'

// An object id and a principal type, not secrets: the lint rule matches the word "secrets" in the names.
@description('Object id of the person or pipeline that sets the Key Vault secrets (gets Key Vault Secrets Officer on the vault); empty for none. infra/deploy.sh passes the signed-in user; azd passes AZURE_PRINCIPAL_ID.')
#disable-next-line secure-secrets-in-params
param secretsOfficerPrincipalId string = ''

// A principal type, not a secret (see secretsOfficerPrincipalId).
@description('Principal type of secretsOfficerPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
#disable-next-line secure-secrets-in-params
param secretsOfficerPrincipalType string = 'User'

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Key Vault purge protection (a deleted vault keeps its name for the retention period).')
param keyVaultPurgeProtection bool = true

// ---------------------------------------------------------------------------------------------
// Names and constants
// ---------------------------------------------------------------------------------------------

var roles = loadJsonContent('roles.json')

var token = toLower(uniqueString(resourceGroup().id, baseName))
var names = {
  identity: 'id-${baseName}-${token}'
  storage: take('st${toLower(baseName)}${token}', 24)
  deploymentContainer: 'app-package'
  workspace: 'log-${baseName}-${token}'
  appInsights: 'appi-${baseName}-${token}'
  keyVault: take('kv-${baseName}-${token}', 24)
  plan: 'plan-${baseName}-${token}'
  app: 'func-${baseName}-${token}'
}

// azd deploys the service of azure.yaml to the resource carrying this azd-service-name tag.
var azdServiceName = 'costops'

// The CostOps tables (CostOpsTableNames in the code; a unit test keeps the two lists equal).
var costOpsTables = [
  'DailyTco'
  'Decisions'
  'Runs'
  'Prices'
  'Leases'
  'DigestPosts'
  'NightShards'
]

// NCRONTAB, UTC. The autopilot runs an hour after the nightly TCO because it reads that night's rows.
// A new timer function with a %Setting% schedule adds one line here.
var defaultTimerSchedules = {
  NightlyTcoSchedule: '0 30 1 * * *'
  AutopilotSchedule: '0 30 2 * * *'
  WeeklyDigestSchedule: '0 0 8 * * 1'
}

// ---------------------------------------------------------------------------------------------
// Resources in this resource group
// ---------------------------------------------------------------------------------------------

module identity 'modules/identity.bicep' = {
  name: 'costops-identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'costops-storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
    tableNames: map(costOpsTables, table => '${tablePrefix}${table}')
    principalId: identity.outputs.principalId
    grantQueueAccess: nightlyFanOut
    queueNames: nightlyFanOut ? [
      shardQueueName
      '${shardQueueName}-poison'
    ] : []
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'costops-monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    principalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'costops-keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    secretsOfficerPrincipalId: secretsOfficerPrincipalId
    secretsOfficerPrincipalType: secretsOfficerPrincipalType
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

// Host storage by identity (no AzureWebJobsStorage connection string): the host reaches blobs (timer
// locks, keys) and, only when the nightly fans out, the shard queue. In single-instance mode the queue
// function is disabled, so the host never listens on a queue it has no endpoint or role for.
var hostStorageSettings = union({
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
}, nightlyFanOut ? {
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  CostOps__Storage__QueueEndpoint: storage.outputs.queueEndpoint
} : {
  'AzureWebJobs.NightlyTcoShard.Disabled': 'true'
})

// Settings the app cannot run without; they come last in the union so nothing overrides them.
// On Flex Consumption the stack is functionAppConfig.runtime, so there is no FUNCTIONS_WORKER_RUNTIME.
var coreAppSettings = union(hostStorageSettings, {
  // Telemetry with Entra ID authentication (local auth is off on the component).
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
  // The identity DefaultAzureCredential picks in the worker (the app has no system-assigned identity).
  AZURE_CLIENT_ID: identity.outputs.clientId
  // CostOps options: section CostOps, '__' for ':'.
  CostOps__Storage__TableEndpoint: storage.outputs.tableEndpoint
  CostOps__Storage__ManagedIdentityClientId: identity.outputs.clientId
  CostOps__Storage__TablePrefix: tablePrefix
  CostOps__Telemetry__ManagedIdentityClientId: identity.outputs.clientId
  CostOps__Catalog__Path: catalogPath
  CostOps__Autopilot__Mode: autopilotMode
  CostOps__Nightly__Mode: nightlyMode
})

// CostOps:Sources is a list: source i's field F is the setting CostOps__Sources__i__F, and the
// list fields (ResourceIds, ResourceTypes) take one more index.
var sourceListFields = [
  'ResourceIds'
  'ResourceTypes'
]
var sourceScalarSettings = flatten(map(telemetrySources, (source, i) => map(filter(items(source), field => !contains(sourceListFields, field.key)), field => { name: 'CostOps__Sources__${i}__${field.key}', value: string(field.value) })))
var sourceListSettings = flatten(map(telemetrySources, (source, i) => flatten(map(sourceListFields, list => map(source[?list] ?? [], (item, j) => { name: 'CostOps__Sources__${i}__${list}__${j}', value: item })))))
var sourceSettings = toObject(concat(sourceScalarSettings, sourceListSettings), setting => setting.name, setting => setting.value)

var appSettings = union(extraAppSettings, defaultTimerSchedules, timerSchedules, sourceSettings, coreAppSettings)
var secretSettings = filter(items(keyVaultSecrets), secret => !empty(secret.value))

// An ApiKeySetting naming no app setting would stop the app at start-up: the deployment reports it.
var apiKeySettingNames = map(filter(telemetrySources, source => !empty(source.?ApiKeySetting ?? '')), source => source.ApiKeySetting!)
var unsetApiKeySettings = filter(apiKeySettingNames, name => !contains(appSettings, name) && !contains(map(secretSettings, secret => secret.key), name))

module functionApp 'modules/functionapp.bicep' = {
  name: 'costops-functionapp'
  params: {
    planName: names.plan
    appName: names.app
    location: location
    tags: tags
    azdServiceName: azdServiceName
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: appSettings
    keyVaultUri: keyVault.outputs.uri
    keyVaultSecretSettings: keyVaultSecrets
  }
}

// ---------------------------------------------------------------------------------------------
// Role assignments outside this resource group (infra/uninstall.sh removes them by principal id)
// ---------------------------------------------------------------------------------------------

func isSubscriptionId(id string) bool => length(split(id, '/')) == 3 && startsWith(toLower(id), '/subscriptions/')

func isResourceGroupId(id string) bool => length(split(id, '/')) == 5 && startsWith(toLower(id), '/subscriptions/') && contains(toLower(id), '/resourcegroups/')

func isMonitorWorkspaceId(id string) bool => length(split(id, '/')) == 9 && startsWith(toLower(id), '/subscriptions/') && contains(toLower(id), '/providers/microsoft.monitor/accounts/')

// Read grants, each scope once per role. (Every function call stays on one line: Bicep CLIs older
// than multi-line call support would not parse it otherwise.)
var monitoringReaderGrants = map(union(monitoringReaderScopes, []), id => { scope: id, role: roles.MonitoringReader })
var monitoringDataReaderGrants = map(union(monitoringDataReaderScopes, []), id => { scope: id, role: roles.MonitoringDataReader })
var costManagementGrants = map(union(costManagementScopes, []), id => { scope: id, role: roles.CostManagementReader })
var readGrants = concat(monitoringReaderGrants, monitoringDataReaderGrants, costManagementGrants)

// The only write grant: never wider than a resource group.
var actGrants = map(filter(union(gpuResourceGroupIds, []), id => isResourceGroupId(id)), id => { scope: id, role: roles.VirtualMachineContributor })

var subscriptionGrants = filter(readGrants, grant => isSubscriptionId(grant.scope))
var resourceGroupGrants = concat(filter(readGrants, grant => isResourceGroupId(grant.scope)), actGrants)
var workspaceGrants = filter(monitoringDataReaderGrants, grant => isMonitorWorkspaceId(grant.scope))

// Scopes of a shape this template does not grant on: granting nothing is the safe failure, and
// infra/deploy.sh fails on this output so the operator notices.
var ignoredReadGrants = filter(readGrants, grant => !isSubscriptionId(grant.scope) && !isResourceGroupId(grant.scope) && !(grant.role == roles.MonitoringDataReader && isMonitorWorkspaceId(grant.scope)))
var ignoredRoleScopes = concat(map(ignoredReadGrants, grant => grant.scope), filter(gpuResourceGroupIds, id => !isResourceGroupId(id)))

module subscriptionRoleAssignments 'modules/role-assignment-subscription.bicep' = [for grant in subscriptionGrants: {
  name: take('costops-rbac-${uniqueString(resourceGroup().id, grant.scope, grant.role)}', 64)
  scope: subscription(split(grant.scope, '/')[2])
  params: {
    principalId: identity.outputs.principalId
    roleDefinitionId: grant.role
  }
}]

module resourceGroupRoleAssignments 'modules/role-assignment-resource-group.bicep' = [for grant in resourceGroupGrants: {
  name: take('costops-rbac-${uniqueString(resourceGroup().id, grant.scope, grant.role)}', 64)
  scope: resourceGroup(split(grant.scope, '/')[2], split(grant.scope, '/')[4])
  params: {
    principalId: identity.outputs.principalId
    roleDefinitionId: grant.role
  }
}]

module workspaceRoleAssignments 'modules/role-assignment-monitor-workspace.bicep' = [for grant in workspaceGrants: {
  name: take('costops-rbac-${uniqueString(resourceGroup().id, grant.scope, grant.role)}', 64)
  scope: resourceGroup(split(grant.scope, '/')[2], split(grant.scope, '/')[4])
  params: {
    workspaceName: split(grant.scope, '/')[8]
    principalId: identity.outputs.principalId
    roleDefinitionId: grant.role
  }
}]

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

@description('Function app name (for az functionapp deployment source config-zip).')
output functionAppName string = functionApp.outputs.name

@description('Function app host name.')
output functionAppHostName string = functionApp.outputs.defaultHostName

@description('Object id of the CostOps identity (uninstall finds its role assignments by it).')
output identityPrincipalId string = identity.outputs.principalId

@description('Client id of the CostOps identity.')
output identityClientId string = identity.outputs.clientId

@description('Storage account name.')
output storageAccountName string = storage.outputs.name

@description('Key Vault name.')
output keyVaultName string = keyVault.outputs.name

@description('Where the app expects the workload catalog inside its package.')
output catalogPath string = catalogPath

@description('Secret names the app settings refer to; each must exist in the vault before the app starts.')
output keyVaultSecretNames array = map(filter(items(keyVaultSecrets), secret => !empty(secret.value)), secret => secret.value)

@description('ApiKeySetting values of telemetrySources that name no app setting (the app would stop at start-up); infra/deploy.sh fails on them.')
output unsetApiKeySettings array = unsetApiKeySettings

@description('Role scopes that were not granted because they are not a subscription, resource group or (for Monitoring Data Reader) Azure Monitor workspace id.')
output ignoredRoleScopes array = ignoredRoleScopes
