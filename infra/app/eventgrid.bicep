// Event Grid system topic on the storage account: the source of the `uploads` blob trigger on Flex Consumption
// (which has no polling blob trigger). The subscription itself points at the host's blobs extension webhook,
// whose key exists only once the code is deployed, so azd's postdeploy hook creates it
// (infra/hooks/postdeploy.sh) with the filter below.
param name string
param location string
param tags object = {}
param storageAccountId string
param containerName string = 'uploads'

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = systemTopic.name
output containerName string = containerName
output subjectBeginsWith string = '/blobServices/default/containers/${containerName}/'
