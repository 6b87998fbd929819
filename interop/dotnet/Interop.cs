// Interop: the real .NET serializers (Mono's DataContractSerializer or XmlSerializer, and
// Json.NET) reading and writing the classes Generate wrote for a spec (Models.cs).
//
//   mono Interop.exe read TYPE xml|json < body    prints the value read, as JSON (canonical)
//   mono Interop.exe write TYPE xml|json < json   writes the JSON value with the serializer
//   mono Interop.exe serve                        one JSON request a line on stdin, one
//                                                 answer a line on stdout (package dotnet)
//
// The canonical form of a value is Json.NET's serialization with its default settings,
// which are Web API's JsonMediaTypeFormatter's (every member, nulls included, in Json.NET's
// order), enums written by name. XML is written as Web API's XmlMediaTypeFormatter writes it: UTF-8 without a byte
// order mark, no XML declaration, no indentation.
using System;
using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Serialization;
using System.Runtime.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Helpmock.Interop
{
    public static class Program
    {
        static readonly Encoding Utf8 = new UTF8Encoding(false);

        public static int Main(string[] args)
        {
            try
            {
                if (args.Length == 1 && args[0] == "serve")
                    return Serve();
                if (args.Length == 3 && (args[0] == "read" || args[0] == "write"))
                {
                    var body = ReadAll(Console.OpenStandardInput());
                    var type = Lookup(args[1]);
                    var xml = Format(args[2]);
                    var stdout = Console.OpenStandardOutput();
                    byte[] result = args[0] == "read"
                        ? Utf8.GetBytes(Canonical(Read(type, xml, body)))
                        : Write(type, xml, Read(type, false, body));
                    stdout.Write(result, 0, result.Length);
                    return 0;
                }
                Console.Error.WriteLine("usage: Interop.exe read|write TYPE xml|json < body, or Interop.exe serve");
                return 2;
            }
            catch (Exception e)
            {
                Console.Error.WriteLine(Describe(e));
                return 1;
            }
        }

        // Serve answers requests {"op":"read"|"write","type":T,"format":"xml"|"json","body":S}
        // with {"ok":true,"canonical":C,"bytes":B} (read: the value as canonical JSON, and the
        // value written again in the same format; write: B is the body written) or
        // {"ok":false,"error":E}.
        static int Serve()
        {
            var stdin = new StreamReader(Console.OpenStandardInput(), Utf8);
            var stdout = new StreamWriter(Console.OpenStandardOutput(), Utf8);
            string line;
            while ((line = stdin.ReadLine()) != null)
            {
                var answer = new JObject();
                try
                {
                    var req = JObject.Parse(line);
                    var type = Lookup((string)req["type"]);
                    var xml = Format((string)req["format"]);
                    var body = Utf8.GetBytes((string)req["body"]);
                    if ((string)req["op"] == "read")
                    {
                        var value = Read(type, xml, body);
                        answer["canonical"] = Canonical(value);
                        answer["bytes"] = Utf8.GetString(Write(type, xml, value));
                    }
                    else
                    {
                        var value = Read(type, false, body);
                        answer["canonical"] = Canonical(value);
                        answer["bytes"] = Utf8.GetString(Write(type, xml, value));
                    }
                    answer["ok"] = true;
                }
                catch (Exception e)
                {
                    answer["ok"] = false;
                    answer["error"] = Describe(e);
                }
                stdout.WriteLine(answer.ToString(Newtonsoft.Json.Formatting.None));
                stdout.Flush();
            }
            return 0;
        }

        static Type Lookup(string name)
        {
            Type t;
            if (!Types.ByName.TryGetValue(name, out t))
                throw new ArgumentException("no generated type " + name);
            return t;
        }

        static bool Format(string f)
        {
            if (f == "xml") return true;
            if (f == "json") return false;
            throw new ArgumentException("format " + f + ": want xml or json");
        }

        static byte[] ReadAll(Stream s)
        {
            var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        }

        static string Describe(Exception e)
        {
            var msg = e.GetType().Name + ": " + e.Message;
            for (var inner = e.InnerException; inner != null; inner = inner.InnerException)
                msg += " --> " + inner.GetType().Name + ": " + inner.Message;
            return msg.Replace("\r", " ").Replace("\n", " ");
        }

        static object Read(Type type, bool xml, byte[] body)
        {
            if (!xml)
            {
                var read = new JsonSerializerSettings();
                read.Converters.Add(new FreeObjectConverter());
                var serializer = JsonSerializer.Create(read);
                using (var reader = new JsonTextReader(new StreamReader(new MemoryStream(body), Utf8)))
                {
                    var v = serializer.Deserialize(reader, type);
                    if (reader.Read() && reader.TokenType != JsonToken.Comment)
                        throw new JsonReaderException("additional text after the value");
                    return v;
                }
            }
            using (var reader = XmlReader.Create(new MemoryStream(body)))
            {
                if (Types.XmlSerializer)
                    return new XmlSerializer(type).Deserialize(reader);
                return new DataContractSerializer(type).ReadObject(reader);
            }
        }

        static byte[] Write(Type type, bool xml, object value)
        {
            if (!xml)
                return Utf8.GetBytes(JsonConvert.SerializeObject(value, new JsonSerializerSettings()));
            var ms = new MemoryStream();
            var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = Utf8, CloseOutput = false, CheckCharacters = false };
            using (var writer = XmlWriter.Create(ms, settings))
            {
                if (Types.XmlSerializer)
                    new XmlSerializer(type).Serialize(writer, value);
                else
                    new DataContractSerializer(type).WriteObject(writer, value);
            }
            return ms.ToArray();
        }

        // Canonical is the value as Json.NET writes it with Web API's settings, but enums by
        // their XML names ([EnumMember]), so that a value read from XML and from JSON compare.
        static string Canonical(object value)
        {
            var settings = new JsonSerializerSettings();
            settings.Converters.Add(new Newtonsoft.Json.Converters.StringEnumConverter());
            return JsonConvert.SerializeObject(value, settings);
        }
    }

    // FreeObjectConverter reads a System.Object member's {} (a Help Page's sample of it,
    // new object()) as a new object(), as the service had it, not as the JObject Json.NET
    // makes of it, which DataContractSerializer cannot write. Any other value stays
    // Json.NET's own.
    public class FreeObjectConverter : JsonConverter
    {
        public override bool CanConvert(Type objectType) { return objectType == typeof(object); }
        public override bool CanWrite { get { return false; } }
        public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
        {
            var token = JToken.Load(reader);
            if (token.Type == JTokenType.Object && !token.HasValues)
                return new object();
            if (token.Type == JTokenType.Null)
                return null;
            return token;
        }
        public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer)
        {
            throw new NotSupportedException();
        }
    }
}
